/**
 * The attacks of issue 7 on the API, each refused before it costs anything, over HTTP and
 * graphql-ws alike (README "Limits", "What we promise"). Real: the whole platform on the shared
 * services (PostgreSQL or PGlite, InfluxDB, the broker), real HTTP (fetch) and real WebSockets
 * (graphql-ws's client and a bare `ws` socket). Faked: nothing. The CPU figure is this process's
 * (the platform runs in it), printed for the report and bounded only generously.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LIMITS } from '../../gateway/graphql/limits';
import { postGraphql, wsClient } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

type Answer = {
  status: number;
  type: string;
  text: string;
  body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
};

async function send(url: string, init: RequestInit & { token?: string }): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
  const text = await response.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    // left empty: the assertions on `type` and `text` say what came back
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, body };
}

const codeOf = (answer: { body?: Answer['body']; errors?: Answer['body']['errors'] }) =>
  (answer.body?.errors ?? answer.errors)?.[0]?.extensions?.code;
/** Two pages of full alert rows, sized by a variable: 2 × (11 + 5 × $n), over 5,000 at $n = 500. */
const PAGES = `query($n: Int!) { ${['a', 'b']
  .map(
    (a) =>
      `${a}: alerts(first: $n) { nodes { id equipment { id building { id } } workOrder { id emergencyPlan { faultCode } } } }`,
  )
  .join(' ')} }`;
const aliases = (n: number, field = 'me { id }') =>
  `query { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** Subscribes over graphql-ws and resolves with the errors the server answers, or null when it runs. */
function wsErrors(graphqlUrl: string, token: string, query: string, variables?: Record<string, unknown>) {
  const client = wsClient(graphqlUrl, token);
  return new Promise<Array<{ message: string; extensions?: Record<string, unknown> }> | null>((resolve) => {
    client.subscribe(
      { query, variables },
      {
        next: () => resolve(null),
        error: (errors) => resolve(errors as never),
        complete: () => resolve(null),
      },
    );
  }).finally(() => client.dispose());
}

describe('API limits (issue 7 attacks)', () => {
  let platform: TestPlatform;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    token = await platform.login('supervisor');
  });
  afterAll(() => platform?.stop());

  it('25,000 aliased `me` (439 KB) are refused before parsing; 16 aliases by the alias limit; 15 run', async () => {
    const bomb = JSON.stringify({ query: aliases(25_000) });
    expect(bomb.length).toBeGreaterThan(400_000);
    const huge = await send(platform.graphqlUrl, { body: bomb, token });
    expect(huge.status).toBe(413);
    expect(codeOf(huge)).toBe('GRAPHQL_VALIDATION_FAILED');
    // within the body cap, the token limit refuses it (250 aliases: 1,750 tokens)
    const many = await postGraphql(platform.graphqlUrl, aliases(250), {}, token);
    expect(many.status).toBe(400);
    expect(codeOf(many)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(many.errors?.[0].message).toBe(`Query token limit of ${LIMITS.maxTokens} exceeded`);
    const sixteen = await postGraphql(platform.graphqlUrl, aliases(16), {}, token);
    expect(codeOf(sixteen)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(sixteen.errors?.[0].message).toBe('Aliases limit of 15 exceeded, found 16.');
    const fifteen = await postGraphql<Record<string, { id: string }>, object>(
      platform.graphqlUrl,
      aliases(15),
      {},
      token,
    );
    expect(fifteen.errors).toBeUndefined();
    expect(Object.keys(fifteen.data ?? {})).toHaveLength(15);
  });

  it('1,500 aliased `telemetry` are refused; five are over the cost limit; four run', async () => {
    const telemetry =
      'telemetry(equipmentId: "00000000-0000-4000-8000-000000000000", metric: "pressure_kpa", from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { ts value }';
    expect(codeOf(await postGraphql(platform.graphqlUrl, aliases(1_500, telemetry), {}, token))).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    const five = await postGraphql(platform.graphqlUrl, aliases(5, telemetry), {}, token);
    expect(five.errors?.[0]).toMatchObject({
      message: `Query cost limit of ${LIMITS.maxCost} exceeded, found 5150`,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const four = await postGraphql(platform.graphqlUrl, aliases(4, telemetry), {}, token);
    // it ran: the resolvers answered (this equipment does not exist)
    expect(codeOf(four)).toBe('NOT_FOUND');
  });

  it('a page size in a variable is priced by its value', async () => {
    const small = await postGraphql(platform.graphqlUrl, PAGES, { n: 10 }, token);
    expect(small.errors).toBeUndefined();
    const big = await postGraphql(platform.graphqlUrl, PAGES, { n: 500 }, token);
    expect(codeOf(big)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(big.errors?.[0].message).toMatch(/^Query cost limit of 5000 exceeded/);
  });

  it('2,000 levels of nesting are refused at the parser, 12 levels by the depth limit; the server stays up', async () => {
    const deep = `{ ${'me { '.repeat(2_000)}id${' }'.repeat(2_000)} }`;
    expect(codeOf(await postGraphql(platform.graphqlUrl, deep, {}, token))).toBe('GRAPHQL_VALIDATION_FAILED');
    const twelve = `{ workOrder(id: "x") { ${'alert { workOrder { '.repeat(5)}id${' } }'.repeat(5)} } }`;
    const refused = await postGraphql(platform.graphqlUrl, twelve, {}, token);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'Query depth limit of 10 exceeded, found 12.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect((await postGraphql(platform.graphqlUrl, '{ me { id } }', {}, token)).errors).toBeUndefined();
  });

  it('repeated fields and directives over their limits are refused', async () => {
    const repeated = await postGraphql(platform.graphqlUrl, `{ me { ${'id '.repeat(6)} } }`, {}, token);
    expect(codeOf(repeated)).toBe('GRAPHQL_VALIDATION_FAILED');
    const fields = ['id', 'name', 'role', 'username', 'version'].map((f) => `${f} @include(if: true) @skip(if: false)`);
    const directives = await postGraphql(
      platform.graphqlUrl,
      `{ me @include(if: true) { ${fields.join(' ')} } }`,
      {},
      token,
    );
    expect(directives.errors?.[0].message).toBe('Directives limit of 10 exceeded, found 11.');
  });

  it('over WebSocket the same limits refuse before anything runs, and the socket lives on', async () => {
    expect((await wsErrors(platform.graphqlUrl, token, aliases(16)))?.[0]).toMatchObject({
      message: 'Aliases limit of 15 exceeded, found 16.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const deep = `{ ${'me { '.repeat(2_000)}id${' }'.repeat(2_000)} }`;
    expect((await wsErrors(platform.graphqlUrl, token, deep))?.[0]).toMatchObject({
      message: `Query token limit of ${LIMITS.maxTokens} exceeded`,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect((await wsErrors(platform.graphqlUrl, token, PAGES, { n: 500 }))?.[0].message).toMatch(/^Query cost limit/);
    // graphql-js's own validation errors keep their code too
    expect((await wsErrors(platform.graphqlUrl, token, '{ mee { id } }'))?.[0].extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    // a legal query runs over WebSocket
    expect(await wsErrors(platform.graphqlUrl, token, '{ me { id } }')).toBeNull();
  });

  it('a WebSocket message over 256 KB closes the socket with 1009 before it is read; close reasons are fixed texts', async () => {
    const url = platform.graphqlUrl.replace(/^http/, 'ws');
    const closeOf = (socket: WebSocket) =>
      new Promise<{ code: number; reason: string }>((resolve) =>
        socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );
    const big = new WebSocket(url, 'graphql-transport-ws');
    await new Promise((resolve) => big.once('open', resolve));
    const bigClosed = closeOf(big);
    big.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(LIMITS.maxWsMessageBytes) } }));
    expect((await bigClosed).code).toBe(1009);

    const garbage = new WebSocket(url, 'graphql-transport-ws');
    await new Promise((resolve) => garbage.once('open', resolve));
    const garbageClosed = closeOf(garbage);
    garbage.send('{"type": "connection_init", "payload": Maximum call stack size exceeded');
    expect(await garbageClosed).toEqual({ code: 4400, reason: 'Invalid message received' });
  });

  it('two operations without operationName answer a clean 400, over HTTP and WebSocket', async () => {
    const two = 'query A { me { id } } query B { me { name } }';
    const http = await postGraphql(platform.graphqlUrl, two, {}, token);
    expect(http.status).toBe(400);
    expect(codeOf(http)).toBe('OPERATION_RESOLUTION_FAILURE');
    expect((await wsErrors(platform.graphqlUrl, token, two))?.[0].extensions?.code).toBe(
      'OPERATION_RESOLUTION_FAILURE',
    );
    const named = await send(platform.graphqlUrl, { body: JSON.stringify({ query: two, operationName: 'B' }), token });
    expect(named.status).toBe(200);
  });

  it('without a token, an 814 KB query is refused before it is read, parsed or validated; so is one with a bad token', async () => {
    const body = JSON.stringify({ query: aliases(46_000) });
    expect(body.length).toBeGreaterThan(800_000);
    const cpu = process.cpuUsage();
    const started = Date.now();
    const anonymous = await send(platform.graphqlUrl, { body });
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    process.stdout.write(
      `unauthenticated 814 KB query: 401 after ${Date.now() - started} ms, ${cpuMs.toFixed(1)} ms CPU\n`,
    );
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    // generous: parsing and validating such a document first costs seconds of CPU
    expect(cpuMs).toBeLessThan(500);
    const forged = await send(platform.graphqlUrl, { body, token: 'forged' });
    expect(forged.status).toBe(401);
    // login still works without a token
    await expect(platform.login('operator')).resolves.toEqual(expect.any(String));
  });

  it('one caller runs 2 operations at once and queues 16; past that TOO_MANY_REQUESTS, other callers unaffected', async () => {
    // The alert table is locked meanwhile (PostgreSQL), or its one connection held (PGlite), so
    // the caller's operations stay in flight until the test lets them go: no race with their speed.
    const other = await platform.login('operator');
    let unlock: () => void = () => undefined;
    const locked = new Promise<void>((resolve) => (unlock = resolve));
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const lock = platform.orm.em.fork().transactional(async (em) => {
      await em.execute('lock table alert in access exclusive mode');
      holding();
      await locked;
    });
    await held;
    const query = '{ alerts(first: 10) { totalCount } }';
    const inFlight = Array.from({ length: 18 }, () => postGraphql(platform.graphqlUrl, query, {}, token));
    // the 19th (or, on a slow machine, a later one once the first 18 have arrived) is refused
    let refused = null;
    for (let extra = 0; extra < 20 && !refused; extra++) {
      const next = postGraphql(platform.graphqlUrl, query, {}, token);
      const answer = await Promise.race([next, new Promise<null>((r) => setTimeout(() => r(null), 300))]);
      if (answer?.status === 429) refused = answer;
      else inFlight.push(next);
    }
    const otherAnswer = postGraphql(platform.graphqlUrl, '{ me { id } }', {}, other);
    unlock();
    await lock;
    expect(refused).toMatchObject({ status: 429 });
    expect(codeOf(refused!)).toBe('TOO_MANY_REQUESTS');
    // the counter counted: all that were let in (or queued) ran once the table was free
    const answers = await Promise.all(inFlight);
    expect(answers.length).toBeGreaterThanOrEqual(18);
    expect(answers.every((a) => a.status === 200 && !a.errors)).toBe(true);
    expect((await otherAnswer).errors).toBeUndefined();
  });

  it('a malformed or oversized body answers JSON, never an HTML page or a stack trace', async () => {
    const malformed = await send(platform.graphqlUrl, { body: '{"query": "{ me { id } }"', token });
    expect(malformed.status).toBe(400);
    expect(malformed.type).toMatch(/^application\/json/);
    expect(codeOf(malformed)).toBe('BAD_REQUEST');
    const oversized = await send(platform.graphqlUrl, { body: JSON.stringify({ query: 'x'.repeat(300_000) }), token });
    expect(oversized.status).toBe(413);
    expect(oversized.type).toMatch(/^application\/json/);
    for (const answer of [malformed, oversized]) {
      expect(answer.text).not.toMatch(/<html|<pre|node_modules|at \w+ \(/i);
    }
    const missing = await fetch(`${platform.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });

  it('errors carry no stack trace outside NODE_ENV=development (this platform: NODE_ENV=test)', async () => {
    const unknown = await postGraphql(platform.graphqlUrl, '{ mee { id } }', {}, token);
    expect(codeOf(unknown)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(unknown.errors)).not.toMatch(/stacktrace|node_modules/);
    const notFound = await postGraphql(
      platform.graphqlUrl,
      '{ workOrder(id: "00000000-0000-4000-8000-000000000000") { id } }',
      {},
      token,
    );
    expect(codeOf(notFound)).toBe('NOT_FOUND');
    expect(notFound.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', id: expect.any(String) });
  });

  it('CSRF prevention stays on: a simple (non-JSON) POST and a GET without a preflight header are refused', async () => {
    const simple = await send(platform.graphqlUrl, {
      body: JSON.stringify({ query: '{ me { id } }' }),
      token,
      headers: { 'content-type': 'text/plain' },
    });
    expect(simple.status).toBe(400);
    const get = await fetch(`${platform.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF|preflight/i);
  });

  it('the desk and the API are served with a Content-Security-Policy, nosniff and no framing', async () => {
    for (const url of [platform.deskUrl, `${platform.url}/desk/app.js`, platform.graphqlUrl]) {
      const response =
        url === platform.graphqlUrl
          ? await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"query":"{ __typename }"}',
            })
          : await fetch(url);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('closes a graphql-ws connection that sends nothing valid with a fixed reason, not the error text', async () => {
    const client = createClient({
      url: platform.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: 'Bearer forged' },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      client.on('closed', (event) => resolve(event as { code: number; reason: string })),
    );
    expect(closed).toMatchObject({ code: 4403, reason: 'Forbidden' });
    await client.dispose();
  });
});
