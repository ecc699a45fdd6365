/**
 * SLA escalation (issue 8): level 1 tells the supervisor when a work order is not responded to by
 * respondBy, level 2 the manager when it is unresolved at resolveBy — once each, with several
 * instances and across restarts. Real: PostgreSQL 15 (DATABASE_URL's server, else a throwaway
 * cluster; never PGlite, which has one connection and cannot race), migrations and seed, MikroORM,
 * the production EscalationJob and OutboxRelay. Faked: the clock (each run is given its `now`),
 * each "instance" is a pool + job + relay in this process publishing into a list, a crash before
 * commit is a trigger that makes the notification insert fail, and a crash between commit and
 * publish is a writer whose publish step throws.
 */
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../gateway/orm';
import { EscalationJob } from '../../schema/desk/work-orders/escalation.job';
import { WorkOrderStatus as S } from '../../schema/desk/work-orders/work-order.enums';
import { instanceConnectionName } from '../../schema/monitoring/outbox/outbox-notification';
import { OutboxRelay } from '../../schema/monitoring/outbox/outbox.relay';
import { createWorkOrder, staffId, type WorkOrderSeed } from '../factories/work-order.factory';
import { sharedDatabasePerTest } from '../support/outbox-instances';

jest.setTimeout(120_000);

const MIN = 60_000;
const T0 = Date.parse('2026-11-20T02:00:00.000Z');
const at = (minutes: number, ms = 0) => new Date(T0 + minutes * MIN + ms);

interface Instance {
  orm: MikroORM;
  job: EscalationJob;
  relay: OutboxRelay;
  /** `topic subjectId` of every event handed to this instance's subscribers */
  published: string[];
  errors: unknown[];
}

describe('SLA escalation on PostgreSQL', () => {
  const database = sharedDatabasePerTest();

  const instance = async (
    options: { crashBeforePublish?: boolean; batchSize?: number; sweepGraceMs?: number } = {},
  ): Promise<Instance> => {
    const name = instanceConnectionName(randomUUID());
    const orm = await MikroORM.init(ormOptions(database.url(), 4, name));
    const published: string[] = [];
    const errors: unknown[] = [];
    const relay = new OutboxRelay(
      orm,
      (topic, subject) => published.push(`${topic} ${subject.id}`),
      (error) => errors.push(error),
      { sender: name, broadcast: false, sweepGraceMs: options.sweepGraceMs ?? 10_000 },
    );
    const writer = options.crashBeforePublish
      ? {
          publishCommitted: async () => {
            throw new Error('the process died between commit and publish');
          },
        }
      : relay;
    const job = new EscalationJob(orm, writer, (error) => errors.push(error), {
      intervalMs: 0,
      batchSize: options.batchSize ?? 500,
    });
    database.track({
      async stop() {
        await job.stop();
        await relay.stop();
        await orm.close(true);
      },
    });
    return { orm, job, relay, published, errors };
  };

  const open = (i: Instance, seed: WorkOrderSeed = {}) =>
    createWorkOrder(i.orm, { openedAt: new Date(T0), respondMinutes: 30, resolveMinutes: 120, ...seed });

  const sql = <T>(i: Instance, text: string, params: unknown[] = []) => i.orm.em.fork().execute<T[]>(text, params);
  const notifications = (i: Instance) =>
    sql<{ work_order_id: string; kind: string; recipient_role: string; site_id: string | null }>(
      i,
      'select work_order_id, kind, recipient_role, site_id from notification order by kind, work_order_id',
    );
  const notes = (i: Instance) =>
    sql<{ work_order_id: string; note: string; by_id: string | null; from: string; to: string }>(
      i,
      `select work_order_id, note, by_id, "from", "to" from work_order_transition where note like 'escalated%' order by at, note`,
    );
  const levels = async (i: Instance) =>
    new Map(
      (await sql<{ id: string; escalation_level: number }>(i, 'select id, escalation_level from work_order')).map(
        (r) => [r.id, r.escalation_level],
      ),
    );

  it('level 1 just after respondBy tells the supervisor, level 2 just after resolveBy the manager — once each', async () => {
    const a = await instance();
    const wo = await open(a);
    expect(await a.job.runOnce(at(30))).toEqual({ 1: [], 2: [] }); // at the deadline: not yet missed
    expect(await a.job.runOnce(at(30, 1))).toEqual({ 1: [wo.id], 2: [] });
    expect(await a.job.runOnce(at(60))).toEqual({ 1: [], 2: [] }); // already told
    const [hg] = await sql<{ id: string }>(a, "select id from site where code = 'HG'");
    expect(await notifications(a)).toEqual([
      { work_order_id: wo.id, kind: 'RESPONSE_OVERDUE', recipient_role: 'SUPERVISOR', site_id: hg.id },
    ]);
    const [row] = await sql<{ escalation_level: number; version: number; status: string }>(
      a,
      'select escalation_level, version, status from work_order where id = ?',
      [wo.id],
    );
    expect(row).toEqual({ escalation_level: 1, version: wo.version + 1, status: 'OPEN' });
    expect(a.published).toEqual([`WORK_ORDER_CHANGED ${wo.id}`]);

    expect(await a.job.runOnce(at(120))).toEqual({ 1: [], 2: [] });
    expect(await a.job.runOnce(at(120, 1))).toEqual({ 1: [], 2: [wo.id] });
    expect(await a.job.runOnce(at(600))).toEqual({ 1: [], 2: [] });
    expect((await notifications(a)).map((n) => [n.kind, n.recipient_role])).toEqual([
      ['RESPONSE_OVERDUE', 'SUPERVISOR'], // the enum's order
      ['RESOLUTION_OVERDUE', 'MANAGER'],
    ]);
    expect((await notes(a)).map((n) => [n.from, n.to, n.by_id])).toEqual([
      ['OPEN', 'OPEN', null],
      ['OPEN', 'OPEN', null],
    ]);
    expect(a.published).toEqual([`WORK_ORDER_CHANGED ${wo.id}`, `WORK_ORDER_CHANGED ${wo.id}`]);
    expect((await levels(a)).get(wo.id)).toBe(2);
    expect(a.errors).toEqual([]);
  });

  it('ON_HOLD is never escalated; a work order already responded to only for its resolution; resolved ones never', async () => {
    const a = await instance();
    const technician = await staffId(a.orm, 'technician');
    const onHold = await open(a, { status: S.ON_HOLD, assigneeId: technician });
    const inProgress = await open(a, { status: S.IN_PROGRESS, assigneeId: technician });
    const dispatched = await open(a, { status: S.DISPATCHED, assigneeId: technician });
    const resolved = await open(a, { status: S.RESOLVED, assigneeId: technician });
    const cancelled = await open(a, { status: S.CANCELLED });
    const result = await a.job.runOnce(at(24 * 60));
    expect(result[1]).toEqual([dispatched.id]);
    expect(result[2].sort()).toEqual([inProgress.id, dispatched.id].sort());
    const after = await levels(a);
    expect([onHold, inProgress, dispatched, resolved, cancelled].map((w) => after.get(w.id))).toEqual([0, 2, 2, 0, 0]);
    expect(await notifications(a)).toHaveLength(3);
  });

  it('two instances racing over 40 overdue work orders: each is escalated once per level, one notification each', async () => {
    const a = await instance({ batchSize: 7 });
    const b = await instance({ batchSize: 7 });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await open(a)).id);
    const claimed: Record<1 | 2, string[]> = { 1: [], 2: [] };
    const byInstance = { a: 0, b: 0 };
    // both run at once, over and over, until neither finds anything (7 per level and run)
    for (let round = 0; round < 20; round++) {
      const results = await Promise.all([a.job.runOnce(at(600)), b.job.runOnce(at(600)), a.job.runOnce(at(600))]);
      results.forEach((r, i) => {
        claimed[1].push(...r[1]);
        claimed[2].push(...r[2]);
        byInstance[i === 1 ? 'b' : 'a'] += r[1].length + r[2].length;
      });
      if (results.every((r) => r[1].length === 0 && r[2].length === 0)) break;
    }
    expect(claimed[1].sort()).toEqual([...ids].sort()); // every one, none twice
    expect(claimed[2].sort()).toEqual([...ids].sort());
    const told = await notifications(a);
    expect(told).toHaveLength(80);
    expect(new Set(told.map((n) => `${n.work_order_id} ${n.kind}`)).size).toBe(80);
    expect(await notes(a)).toHaveLength(80);
    expect([...(await levels(a)).values()].every((level) => level === 2)).toBe(true);
    const versions = await sql<{ version: number }>(a, 'select distinct version from work_order');
    expect(versions).toEqual([{ version: 3 }]); // created at 1, +1 per level
    expect([...a.errors, ...b.errors]).toEqual([]);
    process.stdout.write(`escalation race: instance a claimed ${byInstance.a}, b ${byInstance.b} of 80 escalations\n`);
  });

  it('a run that fails before its commit changes nothing; the next run, on a restarted instance, does it all once', async () => {
    const a = await instance();
    const wo = await open(a);
    // the database refuses the notification: the run's transaction rolls back as a crash would
    await sql(
      a,
      `create function fd_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`,
    );
    await sql(
      a,
      'create trigger fd_test_refuse before insert on notification for each row execute function fd_test_refuse()',
    );
    await expect(a.job.runOnce(at(600))).rejects.toThrow(/refused/);
    expect((await levels(a)).get(wo.id)).toBe(0);
    expect(await notifications(a)).toEqual([]);
    expect(await notes(a)).toEqual([]);
    expect(await sql(a, "select 1 from outbox_event where topic = 'WORK_ORDER_CHANGED'")).toEqual([]);
    expect(a.published).toEqual([]);

    await sql(a, 'drop trigger fd_test_refuse on notification');
    const restarted = await instance();
    expect(await restarted.job.runOnce(at(600))).toEqual({ 1: [wo.id], 2: [wo.id] });
    expect(await notifications(restarted)).toHaveLength(2);
    expect(restarted.published).toEqual([`WORK_ORDER_CHANGED ${wo.id}`]);
  });

  it('a crash between commit and publish loses no event: a restarted instance’s sweep publishes it, and nothing is escalated twice', async () => {
    const dying = await instance({ crashBeforePublish: true });
    const wo = await open(dying);
    await expect(dying.job.runOnce(at(60))).rejects.toThrow(/died between commit and publish/);
    expect((await levels(dying)).get(wo.id)).toBe(1);
    const [unpublished] = await sql<{ n: number }>(
      dying,
      "select count(*)::int as n from outbox_event where topic = 'WORK_ORDER_CHANGED' and published_at is null",
    );
    expect(unpublished.n).toBe(1);

    const restarted = await instance({ sweepGraceMs: 0 });
    expect(await restarted.job.runOnce(at(60))).toEqual({ 1: [], 2: [] });
    expect(await restarted.relay.sweep()).toBe(1);
    expect(restarted.published).toEqual([`WORK_ORDER_CHANGED ${wo.id}`]);
    expect(await notifications(restarted)).toHaveLength(1);
  });
});
