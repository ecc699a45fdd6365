/**
 * How an incident's residents are closed with it. Requests that joined an alert-opened incident
 * end with the work order they share (and open again when a low callback score reopens it); a
 * complaint that joined is told to the hotline manager like any complaint. A planned stop called
 * off before it started tells residents so — not "supply restored" — and calls nobody back.
 * Real: the whole platform over HTTP on the shared PostgreSQL, InfluxDB, the callback and
 * announcement listeners. Faked: the pump's fault events are handed to the alert service as the
 * detector hands them (from one provisioned device), one in-range pressure reading is written
 * straight to InfluxDB (the evidence for VERIFIED), and units and residents are written through
 * the ORM (test/factories/residents.factory.ts).
 */
import type { FaultEvent } from '../../devices/faults/fault-types';
import { RESTORED_NOTE } from '../../schema/announcements/announcement-incident.listener';
import { buildDevice } from '../factories/device.factory';
import { buildResident, buildUnit } from '../factories/residents.factory';
import { recordCallback } from '../support/callback-desk';
import { coreOp, run } from '../support/core-operations';
import { CREATE_INCIDENT, END_INCIDENT } from '../support/incident-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { transitionOk } from '../support/work-order-desk';

const CREATE_REQUEST = `mutation($input: CreateServiceRequestInput!) {
  createServiceRequest(input: $input) { id status workOrder { id } incident { id } } }`;
const START_CALL = 'mutation($input: StartCallInput!) { startCall(input: $input) { id } }';
const OPEN_REQUESTS = `query { serviceRequests(filter: { open: true }, first: 200) { nodes { id } } }`;
/** a timestamp column as ms (PGlite returns text, PostgreSQL a Date) */
const ms = (at: Date | string) => new Date(at).getTime();
const NOTIFICATIONS = `query { notifications(first: 200) {
  nodes { kind workOrder { id } serviceRequest { id category } } } }`;

describe('an incident closes with its residents', () => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};
  let siteId: string;
  let serial = 0;

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);
  const ok = <T>(token: string, query: string, variables: object = {}) =>
    run<T>(platform.graphqlUrl, query, variables, token);

  beforeAll(async () => {
    platform = await startTestPlatform();
    for (const name of ['manager', 'supervisor', 'operator', 'technician', 'hotline-manager'])
      tokens[name] = await platform.login(name);
    [{ id: siteId }] = await sql<{ id: string }>(`select id from site where code = 'HG'`);
  });
  afterAll(() => platform?.stop());

  /** A new building of HG with `units` units (and a resident in each). */
  const estate = async (units: number) => {
    const code = `Q${process.pid % 1000}-${++serial}-${Date.now() % 100_000}`;
    const { createBuilding } = await ok<{ createBuilding: { id: string } }>(tokens.manager, coreOp('CreateBuilding'), {
      input: { siteId, code, name: `building ${code}` },
    });
    const homes: Array<{ unitId: string; residentId: string; phone: string }> = [];
    for (let i = 1; i <= units; i++) {
      const unit = await buildUnit(platform.orm, createBuilding.id, `1-${100 + i}`);
      const resident = await buildResident(platform.orm, { unitIds: [unit.id] });
      homes.push({ unitId: unit.id, residentId: resident.id, phone: resident.phone });
    }
    return { buildingId: createBuilding.id, homes };
  };
  /** The resident calls and files a request of `category` on the incident. */
  const join = async (
    home: { unitId: string; phone: string },
    incidentId: string,
    category: string,
    answer?: string,
  ) => {
    const { startCall } = await ok<{ startCall: { id: string } }>(tokens.operator, START_CALL, {
      input: { phone: home.phone, channel: 'PHONE' },
    });
    const { createServiceRequest } = await ok<{
      createServiceRequest: { id: string; status: string; workOrder: { id: string } | null; incident: { id: string } };
    }>(tokens.operator, CREATE_REQUEST, {
      input: {
        category,
        description: `${category}: 没水了 no water`,
        callId: startCall.id,
        unitId: home.unitId,
        incidentId,
        answer,
      },
    });
    return createServiceRequest;
  };
  const statuses = async (ids: string[]) =>
    (
      await sql<{ id: string; status: string }>(`select id, status from service_request where id = any(?::uuid[])`, [
        `{${ids.join(',')}}`,
      ])
    ).reduce<Record<string, string>>((all, r) => ({ ...all, [r.id]: r.status }), {});

  it('joined requests close with the shared work order and open again with it; a joined complaint is told', async () => {
    const e = await estate(4);
    const device = await buildDevice(platform.graphqlUrl, tokens.supervisor, { system: 'WATER' });
    // a pump of the homes' building (none set: it serves all four units)
    const { createEquipment: pump } = await ok<{ createEquipment: { id: string } }>(
      tokens.manager,
      'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
      { input: { buildingId: e.buildingId, code: 'WP-1', name: 'booster pump', system: 'WATER', kind: 'pump' } },
    );
    const fault = (type: 'raise' | 'clear'): FaultEvent => ({
      type,
      faultCode: 'PUMP_FAULT',
      severity: 'major',
      equipmentId: pump.id,
      deviceId: device.deviceId,
      at: Date.now() - 1000,
      message: `pump fault ${type}`,
    });
    await platform.services.alerts.apply([fault('raise')]);
    const [incident] = await sql<{ id: string; work_order_id: string; service_request_id: string | null }>(
      `select i.id, i.work_order_id, w.service_request_id from incident i join work_order w on w.id = i.work_order_id
         join incident_alert ia on ia.incident_id = i.id join alert a on a.id = ia.alert_id where a.equipment_id = ?`,
      [pump.id],
    );
    expect(incident.service_request_id).toBeNull(); // the alert's work order carries no request

    // three residents' requests join it (two repairs, a complaint); a fourth resident's question
    // answered on the spot is closed on filing and shares nothing
    const repair1 = await join(e.homes[0], incident.id, 'REPAIR');
    const repair2 = await join(e.homes[1], incident.id, 'REPAIR');
    const complaint = await join(e.homes[2], incident.id, 'COMPLAINT');
    const inquiry = await join(e.homes[3], incident.id, 'INQUIRY', '预计今晚恢复 back tonight');
    for (const r of [repair1, repair2, complaint]) {
      expect(r).toMatchObject({ status: 'OPEN', workOrder: { id: incident.work_order_id } });
    }
    expect(inquiry.status).toBe('CLOSED');
    const joined = [repair1.id, repair2.id, complaint.id];

    // the complaint is told to the hotline manager, about the request (the work order is shared)
    const told = await ok<{
      notifications: {
        nodes: Array<{ kind: string; workOrder: { id: string } | null; serviceRequest: { id: string } | null }>;
      };
    }>(tokens['hotline-manager'], NOTIFICATIONS);
    expect(told.notifications.nodes.filter((n) => n.serviceRequest?.id === complaint.id)).toEqual([
      { kind: 'COMPLAINT_FILED', workOrder: null, serviceRequest: { id: complaint.id, category: 'COMPLAINT' } },
    ]);

    // the fault clears; the work order is resolved (the incident ends), verified, closed
    await platform.services.alerts.apply([fault('clear')]);
    await platform.settle();
    const [technician] = await sql<{ id: string }>(`select id from staff where username = 'technician'`);
    const [{ version }] = await sql<{ version: number }>('select version from work_order where id = ?', [
      incident.work_order_id,
    ]);
    const id = incident.work_order_id;
    let wo = await transitionOk(platform, tokens.supervisor, {
      id,
      version,
      to: 'DISPATCHED' as never,
      assigneeId: technician.id,
    });
    wo = await transitionOk(platform, tokens.technician, { id, version: wo.version, to: 'IN_PROGRESS' as never });
    wo = await transitionOk(platform, tokens.technician, { id, version: wo.version, to: 'RESOLVED' as never });
    expect((await sql<{ status: string }>('select status from incident where id = ?', [incident.id]))[0].status).toBe(
      'ENDED',
    );
    expect(Object.values(await statuses(joined))).toEqual(['OPEN', 'OPEN', 'OPEN']); // resolved is not closed
    await platform.influx.writePoints(
      [
        {
          measurement: 'telemetry',
          tags: { equipment: pump.id },
          fields: { pressure_kpa: 128 },
          timestamp: new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000),
        },
      ],
      { precision: 'ms' },
    );
    wo = await transitionOk(platform, tokens.supervisor, { id, version: wo.version, to: 'VERIFIED' as never });
    const closed = await transitionOk(platform, tokens.supervisor, { id, version: wo.version, to: 'CLOSED' as never });
    expect(closed.status).toBe('CLOSED');

    expect(await statuses([...joined, inquiry.id])).toEqual({
      [repair1.id]: 'CLOSED',
      [repair2.id]: 'CLOSED',
      [complaint.id]: 'CLOSED',
      [inquiry.id]: 'CLOSED',
    });
    const [{ finished_at: finishedAt }] = await sql<{ finished_at: Date | string }>(
      'select finished_at from work_order where id = ?',
      [id],
    );
    const closedAts = await sql<{ closed_at: Date | string }>(
      'select closed_at from service_request where id = any(?::uuid[])',
      [`{${joined.join(',')}}`],
    );
    expect(closedAts.map((r) => ms(r.closed_at))).toEqual([0, 1, 2].map(() => ms(finishedAt)));
    const open = await ok<{ serviceRequests: { nodes: Array<{ id: string }> } }>(tokens.operator, OPEN_REQUESTS);
    expect(open.serviceRequests.nodes.map((n) => n.id)).toEqual(expect.not.arrayContaining(joined));

    // the complaining resident scores the incident's callback 1: its work order reopens, and with
    // it every request that closed with it — not the question closed on filing
    const [callback] = await sql<{ id: string }>(
      `select id from callback where incident_id = ? and resident_id = ? and reason = 'INCIDENT_ENDED'`,
      [incident.id, e.homes[2].residentId],
    );
    expect(callback).toBeDefined();
    const scored = await recordCallback(platform, tokens.operator, { id: callback.id, reached: true, satisfaction: 1 });
    expect(scored.errors).toBeUndefined();
    expect(scored.data!.recordCallback.workOrder).toEqual({ id, status: 'IN_PROGRESS' });
    expect(await statuses([...joined, inquiry.id])).toEqual({
      [repair1.id]: 'OPEN',
      [repair2.id]: 'OPEN',
      [complaint.id]: 'OPEN',
      [inquiry.id]: 'CLOSED',
    });
  });

  it('a request on an incident whose work order was cancelled gets its own work order, and ends with it', async () => {
    const e = await estate(2);
    const { createIncident } = await ok<{ createIncident: { id: string } }>(tokens.manager, CREATE_INCIDENT, {
      input: {
        title: '人工登记停水 Manual water stop',
        kind: 'WATER',
        buildingIds: [e.buildingId],
        startsAt: new Date().toISOString(),
        planned: false,
      },
    });
    const incidentId = createIncident.id;
    // the first request opens the incident's work order, which the supervisor then cancels
    const first = await join(e.homes[0], incidentId, 'REPAIR');
    expect(first.workOrder).not.toBeNull();
    await transitionOk(platform, tokens.supervisor, {
      id: first.workOrder!.id,
      version: 1,
      to: 'CANCELLED' as never,
      note: 'opened twice',
    });
    expect(await statuses([first.id])).toEqual({ [first.id]: 'CANCELLED' });
    // the incident lasts (a manual one is ended by staff); the next resident's request cannot
    // join a cancelled work order — it would stay open with nothing to end it
    const second = await join(e.homes[1], incidentId, 'REPAIR');
    expect(second.incident.id).toBe(incidentId);
    expect(second.status).toBe('OPEN');
    expect(second.workOrder).not.toBeNull();
    expect(second.workOrder!.id).not.toBe(first.workOrder!.id);
    // the incident keeps the work order it had; the new one ends the request that opened it
    const [row] = await sql<{ work_order_id: string }>('select work_order_id from incident where id = ?', [incidentId]);
    expect(row.work_order_id).toBe(first.workOrder!.id);
    await transitionOk(platform, tokens.supervisor, {
      id: second.workOrder!.id,
      version: 1,
      to: 'CANCELLED' as never,
      note: 'fixed by the riser repair',
    });
    expect(await statuses([second.id])).toEqual({ [second.id]: 'CANCELLED' });
  });

  it('a planned stop called off before it started says so, not "supply restored", and calls nobody back', async () => {
    const e = await estate(2);
    const startsAt = new Date(Date.now() + 24 * 3600_000);
    const endsAt = new Date(startsAt.getTime() + 4 * 3600_000);
    const { createIncident } = await ok<{ createIncident: { id: string; status: string } }>(
      tokens.manager,
      CREATE_INCIDENT,
      {
        input: {
          title: '计划停水 Planned water stop',
          kind: 'WATER',
          buildingIds: [e.buildingId],
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          planned: true,
          textForResidents: '明日9点至13点停水 Water off tomorrow 9–13',
        },
      },
    );
    expect(createIncident.status).toBe('SCHEDULED');
    const incidentId = createIncident.id;
    const { publishAnnouncement } = await ok<{ publishAnnouncement: { id: string; body: string; expiresAt: string } }>(
      tokens.manager,
      `mutation($input: PublishAnnouncementInput!) { publishAnnouncement(input: $input) { id body expiresAt } }`,
      {
        input: {
          title: '计划停水 Planned water stop',
          body: '明日9点至13点停水 Water off tomorrow 9–13',
          kind: 'OUTAGE',
          buildingIds: [e.buildingId],
          incidentId,
          expiresAt: endsAt.toISOString(),
        },
      },
    );
    // a resident calls about it and files a request on it: an ended stop would call them back
    const asked = await join(e.homes[0], incidentId, 'REPAIR');
    expect(asked.incident).toEqual({ id: incidentId });

    const before = Date.now();
    await ok(tokens.manager, END_INCIDENT, { id: incidentId, note: 'works postponed' });
    const after = Date.now();

    const [notice] = await sql<{ body: string; expires_at: Date }>(
      'select body, expires_at from announcement where id = ?',
      [publishAnnouncement.id],
    );
    expect(notice.body).toContain('已取消：本次计划停水不再进行 / Called off: this planned stop will not take place');
    expect(notice.body).not.toContain(RESTORED_NOTE);
    // it comes down after the grace period (default 2 h), not at the stop's planned end
    expect(ms(notice.expires_at)).toBeLessThanOrEqual(after + 2 * 3600_000 + 1000);
    expect(ms(notice.expires_at)).toBeLessThan(endsAt.getTime());

    const callbacks = await sql<{ n: number }>('select count(*)::int as n from callback where incident_id = ?', [
      incidentId,
    ]);
    expect(callbacks[0].n).toBe(0);
    const forResident = await sql<{ n: number }>(
      `select count(*)::int as n from callback where resident_id = ? and reason = 'INCIDENT_ENDED'`,
      [e.homes[0].residentId],
    );
    expect(forResident[0].n).toBe(0);

    const [incident] = await sql<{ status: string; called_off: boolean; ended_at: Date; started_at: Date }>(
      'select status, called_off, ended_at, started_at from incident where id = ?',
      [incidentId],
    );
    expect(incident).toMatchObject({ status: 'ENDED', called_off: true });
    expect(ms(incident.ended_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(ms(incident.ended_at)).toBeLessThanOrEqual(after + 1000);
    const shown = await ok<{ incident: { calledOff: boolean; endNote: string } }>(
      tokens.operator,
      'query($id: ID!) { incident(id: $id) { calledOff endNote } }',
      { id: incidentId },
    );
    expect(shown.incident).toEqual({ calledOff: true, endNote: 'works postponed' });
  });
});
