/**
 * The incident locks under real concurrency, round after round: two related alerts on one supply
 * raised at the same moment open ONE incident with both alerts (the per-site advisory lock in
 * schema/incidents/incident-from-alerts.ts); an alert clearing while its work order is resolved
 * ends the incident exactly once (the incident row lock in `endWhenDone`), its listeners heard
 * once; two `setEquipmentServes` on one equipment at once leave one of the two sets, never their
 * union (the equipment row lock in schema/facilities/equipment/equipment-serves.service.ts).
 * Real: PostgreSQL 15 — the server of DATABASE_URL, or a throwaway cluster when the suite
 * runs on embedded defaults (PGlite runs one transaction at a time, so nothing could race there)
 * — with a pool of 8 API connections and the alert path's own 2, so the two transactions really
 * interleave; the platform's AlertService, work order moves over HTTP, listeners (announcements,
 * callbacks), outbox, InfluxDB and the broker. Faked: the fault events (handed to the alert
 * service as the detector hands them, from one provisioned device), and a listener that counts
 * what the incident service tells its listeners; units and residents are written through the ORM
 * (test/factories/residents.factory.ts).
 */
import type { FaultEvent } from '../../devices/faults/fault-types';
import { RESTORED_NOTE } from '../../schema/announcements/announcement-incident.listener';
import type { IncidentListener } from '../../schema/incidents/incident-listener';
import { buildDevice } from '../factories/device.factory';
import { buildResident, buildUnit } from '../factories/residents.factory';
import { coreOp, run } from '../support/core-operations';
import { SET_EQUIPMENT_SERVES } from '../support/incident-operations';
import { scratchPostgres, type ScratchPostgres } from '../support/postgres';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { transitionOk } from '../support/work-order-desk';

const ROUNDS = 10;
// rounds of real races on PostgreSQL: a correctness test, not a timed one
jest.setTimeout(180_000);

describe('incident races', () => {
  let platform: TestPlatform;
  let postgres: ScratchPostgres;
  const tokens: Record<string, string> = {};
  let deviceId: string;
  let siteId: string;
  let serial = 0;
  /** what the incident service told its listeners, per incident id */
  const heard = { opened: new Map<string, number>(), ended: new Map<string, number>() };

  beforeAll(async () => {
    postgres = await scratchPostgres();
    platform = await startTestPlatform({ DATABASE_URL: await postgres.createDatabase(), DATABASE_POOL_MAX: '8' });
    for (const name of ['manager', 'supervisor', 'operator', 'technician']) tokens[name] = await platform.login(name);
    deviceId = (await buildDevice(platform.graphqlUrl, tokens.supervisor, { system: 'WATER' })).deviceId;
    [{ id: siteId }] = await sql<{ id: string }>(`select id from site where code = 'HG'`);
    const counting: IncidentListener = {
      async incidentOpened(_em, incident) {
        heard.opened.set(incident.id, (heard.opened.get(incident.id) ?? 0) + 1);
      },
      async incidentEnded(_em, incident) {
        heard.ended.set(incident.id, (heard.ended.get(incident.id) ?? 0) + 1);
      },
    };
    // the list the incident service and the alert path share (gateway/container.ts)
    platform.services.incidentListeners.push(counting);
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
    await postgres?.stop();
  });

  function sql<T>(query: string, params: unknown[] = []) {
    return platform.orm.em.fork().getConnection().execute<T[]>(query, params);
  }
  const ok = <T>(query: string, variables: object, token = tokens.manager) =>
    run<T>(platform.graphqlUrl, query, variables, token);

  /** A new building of HG with `units` units and `pumps` pumps serving all of them (none set). */
  const supply = async (units: number, pumps: number) => {
    const code = `R${process.pid % 1000}-${++serial}-${Date.now() % 100_000}`;
    const { createBuilding } = await ok<{ createBuilding: { id: string } }>(coreOp('CreateBuilding'), {
      input: { siteId, code, name: `building ${code}` },
    });
    const unitIds: string[] = [];
    for (let i = 1; i <= units; i++)
      unitIds.push((await buildUnit(platform.orm, createBuilding.id, `1-${100 + i}`)).id);
    const pumpIds: string[] = [];
    for (let i = 1; i <= pumps; i++) {
      const { createEquipment } = await ok<{ createEquipment: { id: string } }>(
        'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
        {
          input: {
            buildingId: createBuilding.id,
            code: `WP-${i}`,
            name: 'booster pump',
            system: 'WATER',
            kind: 'pump',
          },
        },
      );
      pumpIds.push(createEquipment.id);
    }
    return { unitIds, pumpIds };
  };
  const pumpFault = (type: 'raise' | 'clear', equipmentId: string, at: number): FaultEvent => ({
    type,
    faultCode: 'PUMP_FAULT',
    severity: 'major',
    equipmentId,
    deviceId,
    at,
    message: `pump fault ${type}`,
  });
  const incidentsOf = (alertIds: string[]) =>
    sql<{ incident_id: string; alert_id: string }>(
      `select incident_id, alert_id from incident_alert where alert_id = any(?::uuid[])`,
      [`{${alertIds.join(',')}}`],
    );

  it(`${ROUNDS} rounds: two related alerts raised at once open one incident with both`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { pumpIds } = await supply(2, 2);
      const at = Date.now() - 1000;
      // two transactions on the alert path's two connections, started together
      await Promise.all(pumpIds.map((id) => platform.services.alerts.apply([pumpFault('raise', id, at)])));
      const alerts = await sql<{ id: string }>(
        `select id from alert where equipment_id = any(?::uuid[]) and cleared_at is null`,
        [`{${pumpIds.join(',')}}`],
      );
      expect(alerts).toHaveLength(2);
      const links = await incidentsOf(alerts.map((a) => a.id));
      expect(links).toHaveLength(2);
      const incidentIds = [...new Set(links.map((l) => l.incident_id))];
      expect(incidentIds).toHaveLength(1);
      const [incident] = await sql<{ status: string; units: number; drafts: number }>(
        `select i.status,
                (select count(*)::int from incident_unit iu where iu.incident_id = i.id) as units,
                (select count(*)::int from announcement a where a.incident_id = i.id) as drafts
           from incident i where i.id = ?`,
        [incidentIds[0]],
      );
      expect(incident).toEqual({ status: 'ACTIVE', units: 2, drafts: 1 });
      expect(heard.opened.get(incidentIds[0])).toBe(1);
    }
  });

  it(`${ROUNDS} rounds: the alert clears while its work order is resolved — the incident ends once`, async () => {
    const [technician] = await sql<{ id: string }>(`select id from staff where username = 'technician'`);
    for (let round = 0; round < ROUNDS; round++) {
      const { unitIds, pumpIds } = await supply(1, 1);
      const raisedAt = Date.now() - 5000;
      await platform.services.alerts.apply([pumpFault('raise', pumpIds[0], raisedAt)]);
      const [{ incident_id: incidentId, work_order_id: workOrderId }] = await sql<{
        incident_id: string;
        work_order_id: string;
      }>(
        `select i.id as incident_id, i.work_order_id from incident i
            join incident_alert ia on ia.incident_id = i.id join alert a on a.id = ia.alert_id
           where a.equipment_id = ?`,
        [pumpIds[0]],
      );
      // a resident of the served unit calls about it: the incident's end schedules them a callback
      const resident = await buildResident(platform.orm, { unitIds });
      await ok(
        'mutation($input: StartCallInput!) { startCall(input: $input) { id } }',
        {
          input: { phone: resident.phone, channel: 'PHONE' },
        },
        tokens.operator,
      );
      const [{ version }] = await sql<{ version: number }>('select version from work_order where id = ?', [
        workOrderId,
      ]);
      const dispatched = await transitionOk(platform, tokens.supervisor, {
        id: workOrderId,
        version,
        to: 'DISPATCHED' as never,
        assigneeId: technician.id,
      });
      const started = await transitionOk(platform, tokens.technician, {
        id: workOrderId,
        version: dispatched.version,
        to: 'IN_PROGRESS' as never,
      });
      const eventsBefore = await incidentEvents(incidentId);
      expect(eventsBefore).toBeGreaterThan(0); // the opening's
      const clear = () => platform.services.alerts.apply([pumpFault('clear', pumpIds[0], Date.now())]);
      const resolve = () =>
        transitionOk(platform, tokens.technician, {
          id: workOrderId,
          version: started.version,
          to: 'RESOLVED' as never,
        });
      // alternate who starts first, so both orders occur even where one waits for the other
      await (round % 2 === 0 ? Promise.all([clear(), resolve()]) : Promise.all([resolve(), clear()]));
      await platform.settle();

      const [incident] = await sql<{ status: string; ended_at: Date | null; end_note: string }>(
        'select status, ended_at, end_note from incident where id = ?',
        [incidentId],
      );
      expect(incident.status).toBe('ENDED');
      expect(incident.ended_at).not.toBeNull();
      expect(incident.end_note).toMatch(/ended by itself/);
      // one ENDED transition: one event, one run of the listeners
      expect(await incidentEvents(incidentId)).toBe(eventsBefore + 1);
      expect(heard.ended.get(incidentId)).toBe(1);
      const callbacks = await sql<{ resident_id: string; reason: string }>(
        'select resident_id, reason from callback where incident_id = ?',
        [incidentId],
      );
      expect(callbacks).toEqual([{ resident_id: resident.id, reason: 'INCIDENT_ENDED' }]);
      const [draft] = await sql<{ body: string }>('select body from announcement where incident_id = ?', [incidentId]);
      expect(draft.body.split(RESTORED_NOTE)).toHaveLength(2); // "supply restored" once
    }
  });

  it(`${ROUNDS} rounds: two setEquipmentServes at once leave exactly one of the two sets, never their union`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { unitIds, pumpIds } = await supply(2, 1);
      const [u1, u2] = unitIds;
      const set = (ids: string[]) =>
        ok<{ setEquipmentServes: { id: string } }>(SET_EQUIPMENT_SERVES, { equipmentId: pumpIds[0], unitIds: ids });
      // both from the same old set (none): two API transactions, started together
      await (round % 2 === 0 ? Promise.all([set([u1]), set([u2])]) : Promise.all([set([u2]), set([u1])]));
      const served = await sql<{ unit_id: string }>('select unit_id from equipment_unit where equipment_id = ?', [
        pumpIds[0],
      ]);
      expect([[u1], [u2]]).toContainEqual(served.map((r) => r.unit_id));
      // both sets applied (one after the other), each with its audit row
      const [{ n }] = await sql<{ n: number }>(
        `select count(*)::int as n from audit_entry where action = 'equipment.setServes' and entity_id = ?`,
        [pumpIds[0]],
      );
      expect(n).toBe(2);
    }
  });

  async function incidentEvents(incidentId: string): Promise<number> {
    const [{ n }] = await sql<{ n: number }>(
      `select count(*)::int as n from outbox_event where topic = 'INCIDENT_CHANGED' and subject_id = ?`,
      [incidentId],
    );
    return n;
  }
});
