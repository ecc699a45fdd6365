/**
 * `Equipment.servedUnits` in a list of equipment: right units, totals and pages, for equipment
 * with a set and without one (its whole building), at the same SQL cost for 2 or 10 equipment.
 * Real: the whole platform over HTTP on the shared PostgreSQL (PGlite or PostgreSQL 15). Faked:
 * nothing; units are written through the ORM (test/factories/residents.factory.ts).
 */
import { coreOp, run } from '../support/core-operations';
import { postGraphql } from '../support/graphql-client';
import { SET_EQUIPMENT_SERVES } from '../support/incident-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { buildUnit } from '../factories/residents.factory';

interface Served {
  totalCount: number;
  nodes: Array<{ id: string; code: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const LEDGER = `query($buildingId: ID!, $first: Int!, $after: String) {
  equipmentList(buildingId: $buildingId) {
    id code
    servedUnits(first: $first, after: $after) { totalCount nodes { id code } pageInfo { hasNextPage endCursor } }
  }
}`;

describe('Equipment.servedUnits in a list', () => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};
  let serial = 0;

  beforeAll(async () => {
    platform = await startTestPlatform();
    for (const name of ['manager', 'operator']) tokens[name] = await platform.login(name);
  });
  afterAll(() => platform?.stop());

  const ok = <T>(token: string, query: string, variables: object = {}) =>
    run<T>(platform.graphqlUrl, query, variables, token);

  /** A building of the demo site HG with units 1-101…1-104 and `n` pumps; odd pumps serve 1-101 and 1-102 only. */
  const building = async () => {
    const [{ id: siteId }] = await platform.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ id: string }>>(`select id from site where code = 'HG'`);
    const code = `SU${process.pid % 1000}-${++serial}-${Date.now() % 100_000}`;
    const { createBuilding } = await ok<{ createBuilding: { id: string } }>(tokens.manager, coreOp('CreateBuilding'), {
      input: { siteId, code, name: `building ${code}` },
    });
    const units: string[] = [];
    for (let i = 1; i <= 4; i++) units.push((await buildUnit(platform.orm, createBuilding.id, `1-${100 + i}`)).id);
    let pumps = 0;
    const addPumps = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const { createEquipment } = await ok<{ createEquipment: { id: string } }>(
          tokens.manager,
          'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
          {
            input: {
              buildingId: createBuilding.id,
              code: `WP-${++pumps}`,
              name: 'booster pump',
              system: 'WATER',
              kind: 'pump',
            },
          },
        );
        if (pumps % 2 === 1)
          await ok(tokens.manager, SET_EQUIPMENT_SERVES, {
            equipmentId: createEquipment.id,
            unitIds: units.slice(0, 2),
          });
      }
    };
    return { buildingId: createBuilding.id, addPumps };
  };

  const ledger = async (buildingId: string, first: number, after: string | null = null) =>
    (
      await ok<{ equipmentList: Array<{ id: string; code: string; servedUnits: Served }> }>(tokens.operator, LEDGER, {
        buildingId,
        first,
        after,
      })
    ).equipmentList;

  it('answers each equipment its set, or its whole building, page by page', async () => {
    const b = await building();
    await b.addPumps(2);
    const byCode = Object.fromEntries((await ledger(b.buildingId, 3)).map((e) => [e.code, e.servedUnits]));
    expect(byCode['WP-1']).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
    expect(byCode['WP-1'].nodes.map((u) => u.code)).toEqual(['1-101', '1-102']);
    expect(byCode['WP-2']).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    expect(byCode['WP-2'].nodes.map((u) => u.code)).toEqual(['1-101', '1-102', '1-103']);
    // the next page of every equipment at once: WP-1 has none left but still knows its total
    const next = Object.fromEntries(
      (await ledger(b.buildingId, 3, byCode['WP-2'].pageInfo.endCursor)).map((e) => [e.code, e.servedUnits]),
    );
    expect(next['WP-1']).toEqual({ totalCount: 2, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect(next['WP-2'].nodes.map((u) => u.code)).toEqual(['1-104']);
    expect(next['WP-2']).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: false } });
  });

  it('costs the same statements for 2 or 10 equipment (no N+1)', async () => {
    const b = await building();
    const knex = platform.orm.em.getConnection().getKnex();
    /**
     * The statements of one ledger request. The platform's relay shares the connection pool and
     * may sweep meanwhile: the fewest of three requests is the request's own.
     */
    const statementsFor = async () => {
      await ledger(b.buildingId, 50); // the session is checked and cached before counting
      let fewest = Infinity;
      let rows = 0;
      for (let attempt = 0; attempt < 3; attempt++) {
        let n = 0;
        const count = (q: { sql: string }) => {
          if (!q.sql.includes('outbox_event')) n++;
        };
        knex.on('query', count);
        const result = await postGraphql<{ equipmentList: Array<{ code: string; servedUnits: Served }> }, object>(
          platform.graphqlUrl,
          LEDGER,
          { buildingId: b.buildingId, first: 50 },
          tokens.operator,
        );
        knex.removeListener('query', count);
        expect(result.errors).toBeUndefined();
        for (const e of result.data!.equipmentList) {
          const odd = Number(e.code.slice(3)) % 2 === 1;
          expect(e.servedUnits.totalCount).toBe(odd ? 2 : 4);
          expect(e.servedUnits.nodes).toHaveLength(odd ? 2 : 4);
        }
        fewest = Math.min(fewest, n);
        rows = result.data!.equipmentList.length;
      }
      return { n: fewest, rows };
    };
    await b.addPumps(2);
    const two = await statementsFor();
    expect(two.rows).toBe(2);
    expect(two.n).toBeGreaterThan(0); // the counter counts
    await b.addPumps(8);
    const ten = await statementsFor();
    expect(ten).toEqual({ n: two.n, rows: 10 });
    // the equipment, then the served unit ids of all of them and their units
    expect(ten.n).toBe(3);
  });
});
