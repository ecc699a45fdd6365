/**
 * What the API refuses, and how: authentication, roles, bad input, and the cost of a list.
 * Real: the whole platform on the shared services, over HTTP and graphql-ws. Faked: nothing;
 * the list-cost test raises its alerts through the real AlertService directly (no sensor), and
 * counts SQL statements with knex's `query` event. Each test builds the equipment it uses.
 */
import {
  CreateEquipmentDocument,
  BuildingsDocument,
  ProvisionDeviceDocument,
  ActiveAlertsDocument,
} from '../support/generated/graphql';
import { postGraphql, wsClient } from '../support/graphql-client';
import { buildDevice } from '../factories/device.factory';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('API guards', () => {
  let platform: TestPlatform;
  let supervisor: string;
  let buildingId: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    supervisor = await platform.login('supervisor');
    const buildings = await postGraphql(platform.graphqlUrl, BuildingsDocument, {}, supervisor);
    buildingId = buildings.data!.buildings[0].id;
  });
  afterAll(() => platform?.stop());

  const codeOf = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => r.errors?.[0]?.extensions?.code;

  it('every operation but login needs a token; a bad token is a 401', async () => {
    const none = await postGraphql(platform.graphqlUrl, BuildingsDocument, {});
    expect(none.status).toBe(401);
    expect(codeOf(none)).toBe('UNAUTHENTICATED');
    expect(none.data).toBeUndefined();
    const mixed = await postGraphql(platform.graphqlUrl, 'query { __typename me { id } }', {});
    expect(codeOf(mixed)).toBe('UNAUTHENTICATED');
    const typename = await postGraphql(platform.graphqlUrl, 'query { __typename }', {});
    expect(typename.data).toEqual({ __typename: 'Query' });
    const bad = await postGraphql(platform.graphqlUrl, BuildingsDocument, {}, 'not-a-token');
    expect(bad.status).toBe(401);
    expect(codeOf(bad)).toBe('UNAUTHENTICATED');
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const q = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
    const wrong = await postGraphql(platform.graphqlUrl, q, { u: 'operator', p: 'nope' });
    const unknown = await postGraphql(platform.graphqlUrl, q, { u: 'nobody', p: 'nope' });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0].message).toBe(unknown.errors?.[0].message);
  });

  it('only supervisors, affairs officers and managers change the equipment ledger', async () => {
    const operator = await platform.login('operator');
    const input = { buildingId, code: 'WP-77', name: 'Pump', system: 'WATER' as const, kind: 'pump' };
    expect(codeOf(await postGraphql(platform.graphqlUrl, CreateEquipmentDocument, { input }, operator))).toBe(
      'FORBIDDEN',
    );
    const ok = await postGraphql(platform.graphqlUrl, CreateEquipmentDocument, { input }, supervisor);
    expect(ok.data?.createEquipment.code).toBe('WP-77');
    const again = await postGraphql(platform.graphqlUrl, CreateEquipmentDocument, { input }, supervisor);
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it('bad input gets BAD_USER_INPUT with a clear message, and nothing is written', async () => {
    const input = { buildingId, code: 'has space', name: 'x', system: 'WATER' as const, kind: 'pump' };
    const bad = await postGraphql(platform.graphqlUrl, CreateEquipmentDocument, { input }, supervisor);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toMatch(/code must be/);
    const device = await buildDevice(platform.graphqlUrl, supervisor);
    const badId = await postGraphql(
      platform.graphqlUrl,
      ProvisionDeviceDocument,
      { equipmentId: device.equipmentId, deviceId: 'a/b+#' },
      supervisor,
    );
    expect(codeOf(badId)).toBe('BAD_USER_INPUT');
    const notUuid = await postGraphql(platform.graphqlUrl, 'query { workOrder(id: "42") { id } }', {}, supervisor);
    expect(codeOf(notUuid)).toBe('BAD_USER_INPUT');
    const missing = await postGraphql(
      platform.graphqlUrl,
      'query { workOrder(id: "00000000-0000-4000-8000-000000000000") { id } }',
      {},
      supervisor,
    );
    expect(codeOf(missing)).toBe('NOT_FOUND');
    const countWithCode = async (code: string) => {
      const [{ count }] = await platform.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ count: number }>>('select count(*)::int as count from equipment where code = ?', [code]);
      return count;
    };
    // the count finds what was written (this test's device's equipment), then not the refused one
    expect(await countWithCode(device.equipmentCode)).toBe(1);
    expect(await countWithCode('has space')).toBe(0);
  });

  it('telemetry queries say what is wrong with their arguments', async () => {
    const device = await buildDevice(platform.graphqlUrl, supervisor);
    const q = (metric: string, every: string | null, from: string, to: string) =>
      postGraphql(
        platform.graphqlUrl,
        'query($e: ID!, $m: String!, $f: DateTimeISO!, $t: DateTimeISO!, $every: String) { telemetry(equipmentId: $e, metric: $m, from: $f, to: $t, every: $every) { ts value } }',
        { e: device.equipmentId, m: metric, f: from, t: to, every },
        supervisor,
      );
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date().toISOString();
    const badEvery = await q('pressure_kpa', '1 minute; DROP', from, to);
    expect(codeOf(badEvery)).toBe('BAD_USER_INPUT');
    expect(badEvery.errors?.[0].message).toMatch(/every must be an InfluxQL duration/);
    const badMetric = await q('Pressure"', null, from, to);
    expect(badMetric.errors?.[0].message).toMatch(/metric must match/);
    expect(codeOf(await q('pressure_kpa', '1m', to, from))).toBe('BAD_USER_INPUT');
    expect(codeOf(await q('pressure_kpa', '1m', 'yesterday', to))).toBe('BAD_USER_INPUT');
    const ok = await q('pressure_kpa', '1m', from, to);
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ telemetry: [] });
  });

  it('a subscription without a valid token is closed with 4403 before it starts', async () => {
    const ws = wsClient(platform.graphqlUrl, 'Bearer forged');
    const closed = await new Promise<unknown>((resolve) => {
      ws.subscribe(
        { query: 'subscription { alertRaised { id } }' },
        { next: () => undefined, error: resolve, complete: () => resolve(null) },
      );
    });
    expect((closed as { code?: number }).code).toBe(4403);
    await ws.dispose();
  });

  it('the desk overview costs the same few SQL statements for 1 or 40 alerts (no N+1)', async () => {
    const knex = platform.orm.em.getConnection().getKnex();
    const statementsFor = async () => {
      let n = 0;
      // the outbox relay's periodic sweep runs on its own; count only the request's statements
      const count = (query: { sql: string }) => {
        if (!query.sql.includes('outbox_event')) n++;
      };
      knex.on('query', count);
      const result = await postGraphql(platform.graphqlUrl, ActiveAlertsDocument, {}, supervisor);
      knex.removeListener('query', count);
      expect(result.errors).toBeUndefined();
      return { n, alerts: result.data!.alerts.totalCount };
    };
    const raiseOn = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const device = await buildDevice(platform.graphqlUrl, supervisor);
        await platform.services.alerts.apply([
          {
            type: 'raise',
            faultCode: 'WATER_LEAK',
            severity: 'critical',
            equipmentId: device.equipmentId,
            deviceId: device.deviceId,
            at: Date.now(),
            message: 'leak',
          },
        ]);
      }
      await platform.settle();
    };
    await raiseOn(1);
    const one = await statementsFor();
    // the counter counts: the first request after a change reads PostgreSQL
    expect(one.n).toBeGreaterThan(0);
    await raiseOn(39);
    const forty = await statementsFor();
    expect(one.alerts).toBe(1);
    expect(forty.alerts).toBe(40);
    expect(forty.n).toBe(one.n);
    // the desk asks for two lists (active, cleared-unacknowledged): one statement each
    expect(forty.n).toBeLessThanOrEqual(2);
    // served again from the cache: no statement, until a published change empties it
    expect((await statementsFor()).n).toBe(0);
    const operator = await platform.login('operator');
    const { data } = await postGraphql(platform.graphqlUrl, ActiveAlertsDocument, {}, operator);
    await postGraphql(
      platform.graphqlUrl,
      'mutation($id: ID!) { acknowledgeAlert(id: $id) { id } }',
      { id: data!.alerts.nodes[0].id },
      operator,
    );
    const after = await statementsFor();
    expect(after.n).toBe(one.n);
    // and the answer is the new one, not the cached one
    const fresh = await postGraphql(platform.graphqlUrl, ActiveAlertsDocument, {}, operator);
    expect(fresh.data!.alerts.nodes.find((a) => a.id === data!.alerts.nodes[0].id)?.status).toBe('ACTIVE_ACK');
    // a full page counts the rest
    const page = await postGraphql<{ alerts: { totalCount: number; nodes: unknown[] } }, object>(
      platform.graphqlUrl,
      'query { alerts(filter: { active: true }, first: 10, offset: 5) { totalCount nodes { id } } }',
      {},
      supervisor,
    );
    expect(page.data?.alerts).toMatchObject({ totalCount: 40 });
    expect(page.data?.alerts.nodes).toHaveLength(10);
  });
});
