/**
 * What a stranger learns from the API in production: no schema (introspection off), no
 * "Did you mean" suggestions, no stack traces — over HTTP and graphql-ws alike. Real: the whole
 * platform with NODE_ENV=production on the shared services, real HTTP and WebSocket clients.
 * Faked: the signed-in account is a staff row written straight to PostgreSQL, with a token
 * issued by the platform's own TokenService (production seeds no demo accounts).
 */
import { postGraphql, wsClient } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }>;

function wsErrors(graphqlUrl: string, token: string, query: string, variables?: Record<string, unknown>) {
  const client = wsClient(graphqlUrl, token);
  return new Promise<Errors | null>((resolve) => {
    client.subscribe(
      { query, variables },
      {
        next: (result) => resolve((result.errors as Errors | undefined) ?? null),
        error: (errors) => resolve(errors as Errors),
        complete: () => resolve(null),
      },
    );
  }).finally(() => client.dispose());
}

describe('the API surface in production', () => {
  let platform: TestPlatform;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform({
      NODE_ENV: 'production',
      DEMO: 'off',
      ADMIN_PASSWORD: 'limits-test-admin-password',
    });
    // production with no staff created `admin` from ADMIN_PASSWORD: sign in as it
    const login = await postGraphql<{ login: { token: string } }, { u: string; p: string }>(
      platform.graphqlUrl,
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: 'admin', p: 'limits-test-admin-password' },
    );
    token = login.data!.login.token;
  });
  afterAll(() => platform?.stop());

  const introspection = '{ __schema { queryType { name } types { name } } }';

  it('introspection is refused over HTTP and over WebSocket', async () => {
    // the token works: a plain query answers
    expect((await postGraphql(platform.graphqlUrl, '{ me { id } }', {}, token)).errors).toBeUndefined();
    const http = await postGraphql(platform.graphqlUrl, introspection, {}, token);
    expect(http.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(http.data).toBeUndefined();
    const ws = await wsErrors(platform.graphqlUrl, token, introspection);
    expect(ws?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(ws?.[0].message).toMatch(/introspection/i);
    const type = await wsErrors(platform.graphqlUrl, token, '{ __type(name: "Staff") { fields { name } } }');
    expect(type?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('no "Did you mean" for a misspelt field or enum value, over HTTP and WebSocket', async () => {
    const field = '{ mee { id } }';
    const http = await postGraphql(platform.graphqlUrl, field, {}, token);
    expect(http.errors?.[0].message).toBe('Cannot query field "mee" on type "Query".');
    const ws = await wsErrors(platform.graphqlUrl, token, field);
    expect(ws?.[0].message).toBe('Cannot query field "mee" on type "Query".');
    const enumQuery = 'query($s: [Severity!]) { alerts(filter: { severity: $s }) { totalCount } }';
    const httpEnum = await postGraphql(platform.graphqlUrl, enumQuery, { s: ['MAJO'] }, token);
    expect(httpEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const wsEnum = await wsErrors(platform.graphqlUrl, token, enumQuery, { s: ['MAJO'] });
    expect(wsEnum?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    for (const errors of [httpEnum.errors, wsEnum]) {
      expect(errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(errors)).not.toMatch(/Did you mean|MAJOR/);
    }
  });

  it('errors carry no stack trace', async () => {
    const answers = [
      await postGraphql(platform.graphqlUrl, '{ mee { id } }', {}, token),
      await postGraphql(platform.graphqlUrl, '{ workOrder(id: "42") { id } }', {}, token),
      await postGraphql(platform.graphqlUrl, '{ me { id } }', {}, 'forged'),
    ];
    for (const answer of answers) {
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(answer.errors)).not.toMatch(/stacktrace|node_modules|\.ts:\d+/);
    }
  });
});
