/**
 * The operations of test/contract-core.graphql (a verbatim copy of the shared core contract),
 * by name, and small helpers the account, session and site tests share. Real HTTP only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { postGraphql, type GraphqlResponse } from './graphql-client';

/** A contract file of test/ (a verbatim copy of a shared contract) and its operations by name. */
export function loadContract(file: string): { document: DocumentNode; names: string[]; op(name: string): string } {
  const document = parse(readFileSync(path.resolve(__dirname, '..', file), 'utf8'));
  const operations = new Map(
    document.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
      .map((op) => [op.name!.value, print(op)]),
  );
  return {
    document,
    names: [...operations.keys()],
    op(name) {
      const text = operations.get(name);
      if (!text) throw new Error(`${file}: operation ${name} is missing`);
      return text;
    },
  };
}

const core = loadContract('contract-core.graphql');
export const coreContract: DocumentNode = core.document;
export const coreOperationNames = core.names;
export const coreOp = core.op;

export const codeOf = (r: { errors?: Array<{ extensions?: { code?: string } }> }): string | undefined =>
  r.errors?.[0]?.extensions?.code;

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

export function tryLogin(
  url: string,
  username: string,
  password: string,
): Promise<GraphqlResponse<{ login: { token: string } }>> {
  return postGraphql<{ login: { token: string } }, object>(url, LOGIN, { u: username, p: password });
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const result = await tryLogin(url, username, password);
  if (!result.data) throw new Error(`login as ${username} failed: ${JSON.stringify(result.errors)}`);
  return result.data.login.token;
}

/** Runs `op` and fails with the errors when there are any. */
export async function run<T>(url: string, op: string, variables: object, token: string): Promise<T> {
  const result = await postGraphql<T, object>(url, op, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export interface NewStaff {
  id: string;
  username: string;
  password: string;
  token: string;
}

let serial = 0;

/** A new account (through core.graphql CreateStaff as `adminToken`), signed in. */
export async function newStaff(
  url: string,
  adminToken: string,
  input: { role: string; siteIds: string[]; username?: string },
): Promise<NewStaff> {
  const username = input.username ?? `staff-${process.pid}-${++serial}-${Date.now().toString(36)}`;
  const password = `pw-${username}-long-enough`;
  const created = await run<{ createStaff: { id: string } }>(
    url,
    coreOp('CreateStaff'),
    { input: { username, name: username, role: input.role, password, siteIds: input.siteIds } },
    adminToken,
  );
  return { id: created.createStaff.id, username, password, token: await login(url, username, password) };
}

/** Creates a site with one building (as a manager); returns their ids. */
export async function newSite(
  url: string,
  managerToken: string,
  code: string,
): Promise<{ siteId: string; buildingId: string }> {
  const site = await run<{ createSite: { id: string } }>(
    url,
    coreOp('CreateSite'),
    { input: { code, name: `Site ${code}` } },
    managerToken,
  );
  const building = await run<{ createBuilding: { id: string } }>(
    url,
    coreOp('CreateBuilding'),
    { input: { siteId: site.createSite.id, code: 'B1', name: `${code} building 1` } },
    managerToken,
  );
  return { siteId: site.createSite.id, buildingId: building.createBuilding.id };
}
