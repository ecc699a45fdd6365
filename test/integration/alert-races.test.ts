/**
 * Acknowledge racing clear, hundreds of times: no row may end inconsistent (cleared but
 * listed as active, or acknowledged without who and when). Real: PostgreSQL 15 — the server
 * of DATABASE_URL, or a throwaway cluster when the suite runs on embedded defaults (PGlite
 * runs one transaction at a time, so nothing could race there) — with a pool of 8
 * connections, so the statements really interleave; the platform's AlertService and its SQL,
 * InfluxDB and the broker. Nothing faked.
 */
import { Role } from '../../schema/staff/role.enum';
import { buildDevice } from '../factories/device.factory';
import { gql } from '../support/graphql-client';
import { scratchPostgres, type ScratchPostgres } from '../support/postgres';
import { AcknowledgeAlertAtVersionDocument } from '../support/generated/graphql';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const ROUNDS = 300;
// 300 rounds of raise, acknowledge and clear on real PostgreSQL: a correctness test, not a timed
// one — on a loaded 2-core machine it takes 30–60 s
jest.setTimeout(120_000);

describe('acknowledge vs clear', () => {
  let platform: TestPlatform;
  let postgres: ScratchPostgres;

  beforeAll(async () => {
    postgres = await scratchPostgres();
    platform = await startTestPlatform({ DATABASE_URL: await postgres.createDatabase(), DATABASE_POOL_MAX: '8' });
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
    await postgres?.stop();
  });

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);

  it(`${ROUNDS} races leave every episode consistent, and both orders happened`, async () => {
    const token = await platform.login('supervisor');
    const device = await buildDevice(platform.graphqlUrl, token, { system: 'WATER' });
    const [operator] = await sql<{ id: string }>("select id from staff where username = 'operator'");
    const caller = {
      staffId: operator.id,
      sessionId: operator.id,
      role: Role.HOTLINE_OPERATOR,
      siteIds: null,
      expiresAt: Date.now() + 3_600_000,
    };
    const fault = (type: 'raise' | 'clear', at: number) => ({
      type,
      faultCode: 'WATER_LEAK',
      severity: 'critical' as const,
      equipmentId: device.equipmentId,
      deviceId: device.deviceId,
      at,
      message: type,
    });
    const ackSaw: Record<string, number> = {};
    for (let i = 0; i < ROUNDS; i++) {
      const at = Date.now() - (ROUNDS - i) * 1000;
      await platform.services.alerts.apply([fault('raise', at)]);
      const [{ id }] = await sql<{ id: string }>(
        "select id from alert where equipment_id = ? and fault_code = 'WATER_LEAK' and cleared_at is null",
        [device.equipmentId],
      );
      const ack = () => platform.services.alerts.acknowledge(platform.orm.em.fork(), id, caller, `round ${i}`);
      const clear = () => platform.services.alerts.apply([fault('clear', at + 500)]);
      // alternate who starts first, so both orders occur even where transactions serialise
      const [acked] =
        i % 2 === 0 ? await Promise.all([ack(), clear()]) : (await Promise.all([clear(), ack()])).reverse();
      const status = (acked as { status: string }).status;
      ackSaw[status] = (ackSaw[status] ?? 0) + 1;
    }
    await platform.settle();

    const rows = await sql<{ status: string; cleared_at: Date | null; acknowledged_at: Date | null; ack_by: string }>(
      'select status, cleared_at, acknowledged_at, acknowledged_by_id as ack_by from alert where equipment_id = ?',
      [device.equipmentId],
    );
    expect(rows).toHaveLength(ROUNDS);
    // every episode ended cleared and acknowledged, whoever came first
    const wrong = rows.filter(
      (r) => r.status !== 'CLEARED' || r.cleared_at === null || r.acknowledged_at === null || r.ack_by !== operator.id,
    );
    expect(wrong).toEqual([]);
    // the acknowledgement ran before the clear (it saw ACTIVE → ACTIVE_ACK) and after it (→ CLEARED)
    expect(ackSaw.ACTIVE_ACK).toBeGreaterThan(0);
    expect(ackSaw.CLEARED).toBeGreaterThan(0);
    expect(ackSaw.ACTIVE_ACK + ackSaw.CLEARED).toBe(ROUNDS);

    // the invariant over the whole table: uncleared ⇔ an active status
    const [inconsistent] = await sql<{ n: string }>(
      "select count(*) as n from alert where (cleared_at is null) <> (status in ('ACTIVE_UNACK', 'ACTIVE_ACK', 'SHELVED'))",
    );
    expect(inconsistent.n).toBe('0');
  });

  it('an acknowledgement with a stale expectedVersion is CONFLICT; with the current one it applies', async () => {
    const token = await platform.login('operator');
    const device = await buildDevice(platform.graphqlUrl, await platform.login('supervisor'), { system: 'WATER' });
    const raise = (at: number) => ({
      type: 'raise' as const,
      faultCode: 'WATER_LEAK',
      severity: 'critical' as const,
      equipmentId: device.equipmentId,
      deviceId: device.deviceId,
      at,
      message: 'leak',
    });
    await platform.services.alerts.apply([raise(Date.now() - 2000)]);
    const [{ id, version }] = await sql<{ id: string; version: number }>(
      'select id, version from alert where equipment_id = ?',
      [device.equipmentId],
    );
    await platform.services.alerts.apply([raise(Date.now() - 1000)]); // a repeat: version + 1
    await expect(
      gql(platform.graphqlUrl, AcknowledgeAlertAtVersionDocument, { id, expectedVersion: version }, token),
    ).rejects.toThrow(/CONFLICT/);
    const result = await gql(
      platform.graphqlUrl,
      AcknowledgeAlertAtVersionDocument,
      { id, expectedVersion: version + 1 },
      token,
    );
    expect(result.acknowledgeAlert.status).toBe('ACTIVE_ACK');
  });
});
