/**
 * The outbox across instances. Real: PostgreSQL 15 (DATABASE_URL's server, else a throwaway
 * cluster; never PGlite, which has one connection), its LISTEN/NOTIFY, the insert trigger,
 * SKIP LOCKED claims, MikroORM, the AlertService transaction and the production OutboxRelay and
 * OutboxListener. Faked: each "instance" is a relay + listener + pool in this process
 * (test/support/outbox-instances.ts) publishing into a list instead of graphql-ws, and a writer
 * that "dies between commit and publish" is an AlertService whose publish step does nothing.
 */
import { Client } from 'pg';
import { waitFor } from '../support/device-client';
import {
  leakEvents,
  prepareDatabase,
  sharedDatabasePerTest,
  startOutboxInstance,
  tally,
  type OutboxInstance,
} from '../support/outbox-instances';

jest.setTimeout(60_000);

describe('the outbox on a shared PostgreSQL', () => {
  const database = sharedDatabasePerTest();

  const instance = async (options: Parameters<typeof startOutboxInstance>[1] = {}) => {
    const started = await startOutboxInstance(database.url(), options);
    database.track(started);
    return started;
  };
  const rows = async (a: OutboxInstance) =>
    a.orm.em
      .fork()
      .execute<Array<{ total: number; unpublished: number }>>(
        'select count(*)::int as total, count(*) filter (where published_at is null)::int as unpublished from outbox_event',
      );
  const settle = (...all: OutboxInstance[]) => Promise.all(all.map((i) => i.relay.idle()));
  const everyOnce = (i: OutboxInstance) => [...tally(i.published).values()].every((n) => n === 1);

  it('two instances migrating and seeding one new database at once both start, one seed', async () => {
    const fresh = await database.createDatabase();
    const both = await Promise.all([prepareDatabase(fresh), prepareDatabase(fresh)]);
    both.forEach((r) => database.track(r));
    const client = new Client({ connectionString: fresh });
    await client.connect();
    const { rows: counts } = await client.query(
      'select (select count(*)::int from site) as sites, (select count(*)::int from staff) as staff',
    );
    await client.end();
    expect(counts[0].staff).toBeGreaterThan(0);
    expect(counts[0].sites).toBe(1);
  });

  it('an event committed on A reaches B by NOTIFY, once; A published it itself, once', async () => {
    const a = await instance();
    const b = await instance();
    const events = await leakEvents(a.orm, 3);
    await a.alerts.apply(events);
    await waitFor('B to receive 6 events', async () => b.published.length >= 6);
    expect(a.published).toHaveLength(6); // 3 × (ALERT_RAISED, WORK_ORDER_OPENED), fast path
    // neither instance's sweep finds anything left to do, and nothing arrives twice
    expect(await Promise.all([a.relay.sweep(), b.relay.sweep()])).toEqual([0, 0]);
    await settle(a, b);
    expect(b.published).toEqual(a.published);
    expect(everyOnce(a) && everyOnce(b)).toBe(true);
    expect(await rows(a)).toEqual([{ total: 6, unpublished: 0 }]);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('rows a dead writer left unpublished are swept once: claimed by one instance, delivered once everywhere', async () => {
    const a = await instance({ relay: { sweepGraceMs: 300, batchSize: 2 } });
    const b = await instance({ relay: { sweepGraceMs: 300, batchSize: 2 } });
    // C commits and dies before publishing; A and B hear of it by NOTIFY at commit
    const late = await instance({ listens: false, publishes: false, relay: { sweepGraceMs: 300 } });
    const writer = await instance({ listens: false, publishes: false });
    await writer.alerts.apply(await leakEvents(writer.orm, 4));
    await waitFor('A and B to hear of 8 events', async () => a.published.length === 8 && b.published.length === 8);
    expect(await rows(a)).toEqual([{ total: 8, unpublished: 8 }]);

    // `late` started before the commit but does not listen: only its sweep can tell its desks
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the grace period
    const claims = await Promise.all([a.relay.sweep(), b.relay.sweep(), late.relay.sweep()]);
    expect(claims.reduce((sum, n) => sum + n, 0)).toBe(8); // each row claimed exactly once
    await settle(a, b, late);
    expect(await rows(a)).toEqual([{ total: 8, unpublished: 0 }]);
    expect(late.published.length).toBe(claims[2]); // it publishes what it claimed
    // the claims were announced: A and B dropped them as already handed out
    expect(a.published).toHaveLength(8);
    expect(b.published).toHaveLength(8);
    expect(everyOnce(a) && everyOnce(b) && everyOnce(late)).toBe(true);
    expect(await Promise.all([a.relay.sweep(), b.relay.sweep(), late.relay.sweep()])).toEqual([0, 0, 0]);
  });

  it('a listener whose connection drops reconnects and catches up on what it missed, once', async () => {
    const a = await instance();
    const b = await instance({ listener: { reconnectMinMs: 1000, catchUpMarginMs: 2000 } });
    const [first, ...rest] = await leakEvents(a.orm, 3);
    await a.alerts.apply([first]);
    await waitFor('B to receive 2 events', async () => b.published.length === 2);

    const admin = new Client({ connectionString: database.url() });
    await admin.connect();
    const { rows: killed } = await admin.query(
      'select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1',
      [`${b.name}:listen`],
    );
    await admin.end();
    expect(killed).toEqual([{ ok: true }]);
    await waitFor('B to notice', async () => !b.listener!.connected());
    await a.alerts.apply(rest); // committed while B cannot hear
    await waitFor('B to reconnect', async () => b.listener!.connected(), 10_000);
    await waitFor('B to catch up', async () => b.published.length === 6, 10_000);
    await settle(a, b);
    // the same events; catch-up reads in creation-time order, arbitrary within a millisecond
    expect([...tally(b.published).keys()].sort()).toEqual([...tally(a.published).keys()].sort());
    expect(everyOnce(b)).toBe(true);
  });

  it('retention deletes published rows past the period, never unpublished ones, each once across instances', async () => {
    const a = await instance({ listens: false, relay: { retentionMs: 3600_000, batchSize: 1 } });
    const b = await instance({ listens: false, relay: { retentionMs: 3600_000, batchSize: 1 } });
    const client = new Client({ connectionString: database.url() });
    await client.connect();
    await client.query(
      `insert into outbox_event (id, topic, subject_id, created_at, published_at)
       select gen_random_uuid(), 'ALERT_CHANGED', gen_random_uuid(), now() - make_interval(hours => h),
              case when h = 3 then null else now() end
       from (values (2), (2), (2), (2), (2), (3), (0)) as ages(h)`,
    );
    const deleted = await Promise.all([a.relay.purge(), b.relay.purge()]);
    const { rows: left } = await client.query(
      `select count(*)::int as total, count(*) filter (where published_at is null)::int as unpublished from outbox_event`,
    );
    await client.end();
    expect(deleted[0] + deleted[1]).toBe(5); // the five published rows two hours old
    expect(left).toEqual([{ total: 2, unpublished: 1 }]); // the recent one and the unpublished old one
  });
});
