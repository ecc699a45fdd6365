/**
 * The periodic activation of planned incidents (schema/incidents/incident-activation.job.ts):
 * due SCHEDULED incidents turn ACTIVE once each — with two job instances at once too — their
 * listeners run once (one announcement draft) with one INCIDENT_CHANGED outbox row, and a listener
 * that throws rolls the claim back so the next run retries. Real: PostgreSQL 15 — the server of
 * DATABASE_URL, or a throwaway cluster when the suite runs on embedded defaults (PGlite runs one
 * transaction at a time, so two jobs could not overlap there) — with a pool of 8 connections, the
 * platform's listeners (announcements, callbacks), outbox relay, HTTP and its own activation job
 * (every second). Faked: the clock of the jobs the tests build (two hours ahead, so the incidents
 * created for "in 1 h" are due to them and not to the platform's job or to reads), and two test
 * listeners: one that holds the transaction open 300 ms so the second job meets the row while it
 * is claimed, and one that throws.
 */
import { IncidentActivation } from '../../schema/incidents/incident-activation';
import { IncidentActivationJob } from '../../schema/incidents/incident-activation.job';
import type { IncidentListener } from '../../schema/incidents/incident-listener';
import { newSite, run } from '../support/core-operations';
import { waitFor } from '../support/device-client';
import { CREATE_INCIDENT } from '../support/incident-operations';
import { scratchPostgres, type ScratchPostgres } from '../support/postgres';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const HOUR = 3600_000;

describe('planned incidents are activated by a periodic job', () => {
  let platform: TestPlatform;
  let postgres: ScratchPostgres;
  let manager: string;
  let serial = 0;

  beforeAll(async () => {
    postgres = await scratchPostgres();
    platform = await startTestPlatform({
      DATABASE_URL: await postgres.createDatabase(),
      DATABASE_POOL_MAX: '8',
      // the platform's own job, every second, on the real clock: the incidents the other tests
      // create start in an hour or more, so only the last test's is due to it
      INCIDENT_ACTIVATION_INTERVAL_S: '1',
    });
    manager = await platform.login('manager');
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
    await postgres?.stop();
  });

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);

  /** A planned stop on a building of a new site, starting `inMs` from now. */
  const planned = async (inMs: number) => {
    const { buildingId } = await newSite(platform.graphqlUrl, manager, `ACT${process.pid % 1000}-${++serial}`);
    const startsAt = new Date(Date.now() + inMs);
    const { createIncident } = await run<{ createIncident: { id: string; status: string } }>(
      platform.graphqlUrl,
      CREATE_INCIDENT,
      {
        input: {
          title: `Planned water stop ${serial}`,
          kind: 'WATER',
          buildingIds: [buildingId],
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 4 * HOUR).toISOString(),
          planned: true,
          textForResidents: '明日停水 / water off tomorrow',
        },
      },
      manager,
    );
    expect(createIncident.status).toBe('SCHEDULED');
    return createIncident.id;
  };

  /** What activation left: status and version, outbox rows and announcement drafts of the incident. */
  const stateOf = async (id: string) => {
    const [row] = await sql<{ status: string; version: number; events: number; drafts: number }>(
      `select i.status, i.version,
              (select count(*)::int from outbox_event o where o.topic = 'INCIDENT_CHANGED' and o.subject_id = i.id) as events,
              (select count(*)::int from announcement a where a.incident_id = i.id) as drafts
         from incident i where i.id = ?`,
      [id],
    );
    return row;
  };

  const jobOf = (listeners: IncidentListener[], errors: unknown[] = []) =>
    new IncidentActivationJob(
      platform.orm,
      new IncidentActivation(platform.services.relay, listeners),
      (error) => errors.push(error),
      { intervalMs: 0 },
    );

  it('two jobs at once activate a due incident once: one incidentChanged, one draft; one not yet due stays SCHEDULED', async () => {
    const rounds = 5;
    for (let round = 0; round < rounds; round++) {
      const due = await planned(HOUR);
      const later = await planned(3 * HOUR);
      expect(await stateOf(due)).toEqual({ status: 'SCHEDULED', version: 1, events: 1, drafts: 0 });
      let opened = 0;
      const slow: IncidentListener = {
        async incidentOpened(_em, incident) {
          if (incident.id === due) opened++;
          await new Promise((resolve) => setTimeout(resolve, 300));
        },
      };
      const listeners = [...platform.services.incidentListeners, slow];
      const errors: unknown[] = [];
      const at = new Date(Date.now() + 2 * HOUR);
      const [a, b] = await Promise.all([jobOf(listeners, errors).runOnce(at), jobOf(listeners, errors).runOnce(at)]);
      expect(errors).toEqual([]);
      // both saw it due; one claimed it, the other skipped the claimed row or found it ACTIVE
      expect([...a.activated, ...b.activated]).toEqual([due]);
      expect(opened).toBe(1);
      // the create's event and the activation's; the announcement listener's one draft
      expect(await stateOf(due)).toEqual({ status: 'ACTIVE', version: 2, events: 2, drafts: 1 });
      expect(await stateOf(later)).toEqual({ status: 'SCHEDULED', version: 1, events: 1, drafts: 0 });
      // a third run finds nothing left to do for it
      expect((await jobOf(listeners).runOnce(at)).activated).not.toContain(due);
      await sql(`update incident set status = 'ENDED', ended_at = now() where id in (?, ?)`, [due, later]);
    }
    await platform.settle();
  });

  it('a listener that throws rolls the claim back; the next run activates it', async () => {
    const due = await planned(HOUR);
    const errors: unknown[] = [];
    const failing: IncidentListener = {
      async incidentOpened() {
        throw new Error('the draft could not be written');
      },
    };
    const at = new Date(Date.now() + 2 * HOUR);
    const failed = await jobOf([...platform.services.incidentListeners, failing], errors).runOnce(at);
    expect(failed.activated).toEqual([]);
    expect(failed.failed.map((f) => f.incidentId)).toEqual([due]);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/could not be written/);
    // nothing of the claim is left: still SCHEDULED, no draft (the announcement listener ran first), no event
    expect(await stateOf(due)).toEqual({ status: 'SCHEDULED', version: 1, events: 1, drafts: 0 });

    const retried = await jobOf(platform.services.incidentListeners, errors).runOnce(at);
    expect(retried.activated).toEqual([due]);
    expect(await stateOf(due)).toEqual({ status: 'ACTIVE', version: 2, events: 2, drafts: 1 });
    expect(errors).toHaveLength(1);
  });

  it("the platform's own job (INCIDENT_ACTIVATION_INTERVAL_S=1) activates a started incident, without any read", async () => {
    const due = await planned(3000);
    // only SQL reads it here: a GraphQL read would activate it itself
    await waitFor('the job to activate it', async () => (await stateOf(due)).status === 'ACTIVE', 15_000);
    expect(await stateOf(due)).toEqual({ status: 'ACTIVE', version: 2, events: 2, drafts: 1 });
  });
});
