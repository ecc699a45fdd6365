/**
 * Site scoping: a member of staff sees only their sites' data — in every list, every by-id
 * query and every subscription of the schema — and an id of another site answers NOT_FOUND;
 * a manager sees every site. The schema's Query and Subscription fields are enumerated: a new
 * field fails this test until it is covered here.
 * Real: the whole platform on the shared services, HTTP and graphql-ws; alerts raised through
 * the real AlertService (as the fault detector hands them over). Faked: no sensor.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import type { FaultEvent } from '../../devices/faults/fault-types';
import { collect, postGraphql, wsClient, type Collector } from '../support/graphql-client';
import { codeOf, newSite, newStaff, run } from '../support/core-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { buildResident, buildUnit } from '../factories/residents.factory';
import { estateDate } from '../../schema/residents/local-date';

const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));

interface SiteFixture {
  code: string;
  buildingId: string;
  equipmentId: string;
  deviceId: string;
  alertId: string;
  workOrderId: string;
  /** a call from a resident of the site, and the request it raised (both taken by the manager) */
  callId: string;
  requestId: string;
  incidentId: string;
  unitId: string;
  /** the resident living in that unit */
  residentId: string;
  /** an announcement published to that unit (as the manager) */
  announcementId: string;
}

/** what raising an alert makes (the subscriptions' events) */
type AlertFixture = Omit<
  SiteFixture,
  'callId' | 'requestId' | 'unitId' | 'residentId' | 'announcementId' | 'incidentId'
>;

type ArchiveFixture = SiteFixture;

describe('site scoping', () => {
  let platform: TestPlatform;
  let url: string;
  let manager: string;
  /** the demo supervisor (site HG) and a supervisor of site S2 */
  let hgToken: string;
  let s2Token: string;
  let hg: ArchiveFixture;
  let s2: ArchiveFixture;
  let s2SiteId: string;

  const equipmentIn = async (buildingId: string, code: string) => {
    const created = await run<{ createEquipment: { id: string } }>(
      url,
      'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
      { input: { buildingId, code, name: code, system: 'WATER', kind: 'pump' } },
      manager,
    );
    const deviceId = `${code.toLowerCase()}-dev-${Date.now().toString(36)}`;
    await run(
      url,
      'mutation($e: ID!, $d: String!) { provisionDevice(equipmentId: $e, deviceId: $d) { username } }',
      { e: created.createEquipment.id, d: deviceId },
      manager,
    );
    return { equipmentId: created.createEquipment.id, deviceId };
  };

  const leak = (equipmentId: string, deviceId: string): FaultEvent => ({
    type: 'raise',
    faultCode: 'WATER_LEAK',
    severity: 'critical',
    equipmentId,
    deviceId,
    at: Date.now() - 1000,
    value: 1,
    metric: 'leak',
    message: 'leak 1 > 0.5',
  });

  const raiseOn = async (code: string, buildingId: string): Promise<AlertFixture> => {
    const { equipmentId, deviceId } = await equipmentIn(buildingId, code);
    await platform.services.alerts.apply([leak(equipmentId, deviceId)]);
    const [row] = await platform.orm.em
      .fork()
      .execute<Array<{ id: string; work_order_id: string }>>(
        'select a.id, w.id as work_order_id from alert a join work_order w on w.alert_id = a.id where a.equipment_id = ?',
        [equipmentId],
      );
    return { code, buildingId, equipmentId, deviceId, alertId: row.id, workOrderId: row.work_order_id };
  };

  /** A unit and resident of the site, a call from them and the repair it raised (as the manager). */
  const hotlineOn = async (fixture: AlertFixture): Promise<SiteFixture> => {
    const unit = await buildUnit(platform.orm, fixture.buildingId, `${fixture.code}-101`);
    const resident = await buildResident(platform.orm, { unitIds: [unit.id] });
    const call = await run<{ startCall: { id: string } }>(
      url,
      'mutation($input: StartCallInput!) { startCall(input: $input) { id } }',
      { input: { phone: resident.phone, channel: 'PHONE' } },
      manager,
    );
    const request = await run<{ createServiceRequest: { id: string } }>(
      url,
      'mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { id } }',
      { input: { category: 'REPAIR', description: 'scope', callId: call.startCall.id, unitId: unit.id } },
      manager,
    );
    const announcement = await run<{ publishAnnouncement: { id: string } }>(
      url,
      'mutation($input: PublishAnnouncementInput!) { publishAnnouncement(input: $input) { id } }',
      { input: { title: 'scope', body: 'scope', kind: 'NOTICE', unitIds: [unit.id] } },
      manager,
    );
    const incident = await run<{ createIncident: { id: string } }>(
      url,
      'mutation($input: CreateIncidentInput!) { createIncident(input: $input) { id } }',
      {
        input: {
          title: 'scope',
          kind: 'WATER',
          buildingIds: [fixture.buildingId],
          startsAt: new Date().toISOString(),
          planned: false,
        },
      },
      manager,
    );
    return {
      ...fixture,
      announcementId: announcement.publishAnnouncement.id,
      incidentId: incident.createIncident.id,
      unitId: unit.id,
      residentId: resident.id,
      callId: call.startCall.id,
      requestId: request.createServiceRequest.id,
    };
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    manager = await platform.login('manager');
    hgToken = await platform.login('supervisor');
    const hgBuilding = (await run<{ buildings: Array<{ id: string }> }>(url, 'query { buildings { id } }', {}, hgToken))
      .buildings[0].id;
    const other = await newSite(url, manager, 'S2');
    s2SiteId = other.siteId;
    s2Token = (await newStaff(url, manager, { role: 'SUPERVISOR', siteIds: [other.siteId] })).token;
    hg = await hotlineOn(await raiseOn('HG-SCOPE', hgBuilding));
    s2 = await hotlineOn(await raiseOn('S2-SCOPE', other.buildingId));
    await platform.settle(); // the requests' work order events are out before the subscription test listens
  });
  afterAll(() => platform?.stop());

  const query = <T>(token: string, text: string, variables: object = {}) =>
    postGraphql<T, object>(url, text, variables, token);

  /** `text` with `$id` answers for an id of the caller's site, and NOT_FOUND for one of the other site. */
  const byIdCheck = (text: string, id: (f: ArchiveFixture) => string) => async () => {
    for (const [token, own, other] of [
      [hgToken, hg, s2],
      [s2Token, s2, hg],
    ] as const) {
      const mine = await query(token, text, { id: id(own) });
      expect(mine.errors).toBeUndefined();
      const theirs = await query(token, text, { id: id(other) });
      expect(codeOf(theirs)).toBe('NOT_FOUND');
      expect(theirs.data ?? null).toBeNull();
    }
    expect((await query(manager, text, { id: id(s2) })).errors).toBeUndefined();
  };

  /** `text` lists exactly the caller's site's `pick(fixture)` among what `read` returns. */
  const listCheck =
    <T>(text: string, read: (data: T) => string[], pick: (f: ArchiveFixture) => string) =>
    async () => {
      for (const [token, own, other] of [
        [hgToken, hg, s2],
        [s2Token, s2, hg],
      ] as const) {
        const result = await query<T>(token, text);
        expect(result.errors).toBeUndefined();
        const ids = read(result.data!);
        expect(ids).toContain(pick(own));
        expect(ids).not.toContain(pick(other));
      }
      const all = read((await query<T>(manager, text)).data!);
      expect(all).toEqual(expect.arrayContaining([pick(hg), pick(s2)]));
    };

  /** A shift closed now by the demo operator (HG) and one by an operator of S2, in that order. */
  const closeShifts = async () => {
    const close = async (token: string) =>
      (await run<{ closeShift: { id: string } }>(url, 'mutation { closeShift(notes: "scope") { id } }', {}, token))
        .closeShift.id;
    const s2Operator = await newStaff(url, manager, { role: 'HOTLINE_OPERATOR', siteIds: [s2SiteId] });
    return { hg: await close(await platform.login('operator')), s2: await close(s2Operator.token) };
  };

  /** An export (CSV) holds the caller's site's unit (and its resident) and not the other site's. */
  const exportCheck = (field: 'exportResidents' | 'exportUnits') => async () => {
    const text = `query { ${field}(format: CSV, headers: EN) { contentBase64 rows } }`;
    const file = async (token: string) => {
      const result = await query<Record<string, { contentBase64: string; rows: number }>>(token, text);
      expect(result.errors).toBeUndefined();
      expect(result.data![field].rows).toBeGreaterThan(0);
      return Buffer.from(result.data![field].contentBase64, 'base64').toString('utf8');
    };
    for (const [token, own, other] of [
      [hgToken, hg, s2],
      [s2Token, s2, hg],
    ] as const) {
      const csv = await file(token);
      expect(csv).toContain(`,${own.code}-101,`);
      expect(csv).not.toContain(`,${other.code}-101,`);
    }
    const all = await file(manager);
    expect(all).toContain(`,${hg.code}-101,`);
    expect(all).toContain(`,${s2.code}-101,`);
  };

  /** Every Query field of the schema, and how it is scoped. */
  const QUERIES: Record<string, () => Promise<void>> = {
    // the handover log: each site's supervisor sees its shifts only, and cannot take over the other's
    shifts: async () => {
      const shifts = await closeShifts();
      const ids = async (token: string) =>
        (
          await query<{ shifts: { nodes: Array<{ id: string }> } }>(
            token,
            'query { shifts(first: 500) { nodes { id } } }',
          )
        ).data!.shifts.nodes.map((n) => n.id);
      expect(await ids(hgToken)).toContain(shifts.hg);
      expect(await ids(hgToken)).not.toContain(shifts.s2);
      expect(await ids(s2Token)).toContain(shifts.s2);
      expect(await ids(s2Token)).not.toContain(shifts.hg);
      expect(await ids(manager)).toEqual(expect.arrayContaining([shifts.hg, shifts.s2]));
      const taken = await query(hgToken, 'mutation($id: ID!) { takeOverShift(id: $id) { id } }', { id: shifts.s2 });
      expect(codeOf(taken)).toBe('NOT_FOUND');
    },
    // the shift waiting to be taken over is the latest of the caller's own sites
    currentShift: async () => {
      const shifts = await closeShifts();
      const current = async (token: string) =>
        (await query<{ currentShift: { id: string } | null }>(token, 'query { currentShift { id } }')).data!
          .currentShift?.id;
      expect(await current(hgToken)).toBe(shifts.hg);
      expect(await current(s2Token)).toBe(shifts.s2);
      expect(await current(manager)).toBe(shifts.s2); // every site: the latest
    },
    alert: byIdCheck('query($id: ID!) { alert(id: $id) { id } }', (f) => f.alertId),
    alerts: listCheck<{ alerts: { nodes: Array<{ id: string }> } }>(
      'query { alerts(first: 500) { nodes { id } } }',
      (d) => d.alerts.nodes.map((n) => n.id),
      (f) => f.alertId,
    ),
    buildings: listCheck<{ buildings: Array<{ id: string }> }>(
      'query { buildings { id } }',
      (d) => d.buildings.map((b) => b.id),
      (f) => f.buildingId,
    ),
    // the audit trail is the managers' (who see every site); site staff are refused outright
    auditEntries: async () => {
      const refused = await query(hgToken, 'query { auditEntries { totalCount } }');
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const refusedToo = await query(s2Token, 'query { auditEntries { totalCount } }');
      expect(refusedToo.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    },
    call: byIdCheck('query($id: ID!) { call(id: $id) { id } }', (f) => f.callId),
    calls: listCheck<{ calls: { nodes: Array<{ id: string }> } }>(
      'query { calls(first: 500) { nodes { id } } }',
      (d) => d.calls.nodes.map((n) => n.id),
      (f) => f.callId,
    ),
    announcement: byIdCheck('query($id: ID!) { announcement(id: $id) { id } }', (f) => f.announcementId),
    announcements: listCheck<{ announcements: { nodes: Array<{ id: string }> } }>(
      'query { announcements(first: 500) { nodes { id } } }',
      (d) => d.announcements.nodes.map((n) => n.id),
      (f) => f.announcementId,
    ),
    incident: byIdCheck('query($id: ID!) { incident(id: $id) { id } }', (f) => f.incidentId),
    incidents: listCheck<{ incidents: { nodes: Array<{ id: string }> } }>(
      'query { incidents(first: 500) { nodes { id } } }',
      (d) => d.incidents.nodes.map((n) => n.id),
      (f) => f.incidentId,
    ),
    serviceRequest: byIdCheck('query($id: ID!) { serviceRequest(id: $id) { id } }', (f) => f.requestId),
    serviceRequests: listCheck<{ serviceRequests: { nodes: Array<{ id: string }> } }>(
      'query { serviceRequests(first: 500) { nodes { id } } }',
      (d) => d.serviceRequests.nodes.map((n) => n.id),
      (f) => f.requestId,
    ),
    // SLA policies belong to no site: the same for everyone
    slaPolicies: async () => {
      const policies = async (token: string) =>
        (await query<{ slaPolicies: unknown[] }>(token, 'query { slaPolicies { category priority respondMinutes } }'))
          .data!.slaPolicies;
      expect(await policies(hgToken)).toHaveLength(20);
      expect(await policies(s2Token)).toEqual(await policies(hgToken));
    },
    // emergency plans belong to no site: the same for everyone
    emergencyPlans: async () => {
      const plans = async (token: string) =>
        (await query<{ emergencyPlans: Array<{ faultCode: string }> }>(token, 'query { emergencyPlans { faultCode } }'))
          .data!.emergencyPlans;
      expect((await plans(hgToken)).length).toBeGreaterThan(0);
      expect(await plans(s2Token)).toEqual(await plans(hgToken));
    },
    equipmentItem: byIdCheck('query($id: ID!) { equipmentItem(id: $id) { id } }', (f) => f.equipmentId),
    equipmentList: async () => {
      await listCheck<{ equipmentList: Array<{ id: string }> }>(
        'query { equipmentList { id } }',
        (d) => d.equipmentList.map((e) => e.id),
        (f) => f.equipmentId,
      )();
      const ofOther = await query<{ equipmentList: unknown[] }>(
        hgToken,
        'query($b: ID) { equipmentList(buildingId: $b) { id } }',
        { b: s2.buildingId },
      );
      expect(ofOther.data!.equipmentList).toEqual([]);
    },
    // the caller's own account and the sites it may see
    me: async () => {
      const sites = async (token: string) =>
        (
          await query<{ me: { sites: Array<{ code: string }> } }>(token, 'query { me { sites { code } } }')
        ).data!.me.sites.map((s) => s.code);
      expect(await sites(hgToken)).toEqual(['HG']);
      expect(await sites(s2Token)).toEqual(['S2']);
      expect(await sites(manager)).toEqual(expect.arrayContaining(['HG', 'S2']));
    },
    staffMembers: async () => {
      const names = async (token: string) =>
        (
          await query<{ staffMembers: Array<{ username: string }> }>(token, 'query { staffMembers { username } }')
        ).data!.staffMembers.map((s) => s.username);
      expect(await names(hgToken)).toContain('operator');
      expect(await names(s2Token)).not.toContain('operator');
      expect(await names(manager)).toContain('operator');
    },
    exportResidents: exportCheck('exportResidents'),
    exportUnits: exportCheck('exportUnits'),
    resident: byIdCheck('query($id: ID!) { resident(id: $id) { id occupancies { id } } }', (f) => f.residentId),
    // a resident is seen through the units they live in; the demo residents are all in HG
    residents: listCheck<{ residents: { nodes: Array<{ id: string }> } }>(
      'query { residents(first: 500) { nodes { id } } }',
      (d) => d.residents.nodes.map((n) => n.id),
      (f) => f.residentId,
    ),
    unit: byIdCheck('query($id: ID!) { unit(id: $id) { id residents { id } } }', (f) => f.unitId),
    // a building's units: the caller's building lists them, a building of the other site is NOT_FOUND
    units: byIdCheck(
      'query($id: ID!) { units(buildingId: $id) { nodes { id residents { id } } } }',
      (f) => f.buildingId,
    ),
    telemetry: byIdCheck(
      `query($id: ID!) { telemetry(equipmentId: $id, metric: "leak", from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { ts } }`,
      (f) => f.equipmentId,
    ),
    workOrder: byIdCheck('query($id: ID!) { workOrder(id: $id) { id } }', (f) => f.workOrderId),
    // dispatch candidates: the active technicians of the caller's sites (S2 has none)
    assignableStaff: async () => {
      const names = async (token: string) =>
        (
          await query<{ assignableStaff: Array<{ username: string }> }>(token, 'query { assignableStaff { username } }')
        ).data!.assignableStaff.map((s) => s.username);
      expect(await names(hgToken)).toContain('technician');
      expect(await names(s2Token)).not.toContain('technician');
      expect(await names(manager)).toContain('technician');
    },
    // escalations of both sites' work orders: each supervisor is told of their site's only
    notifications: async () => {
      await platform.services.escalation.runOnce(new Date(Date.now() + 30 * 24 * 3600_000));
      await listCheck<{ notifications: { nodes: Array<{ workOrder: { id: string } }> } }>(
        'query { notifications(first: 500) { nodes { kind workOrder { id } } } }',
        (d) => d.notifications.nodes.map((n) => n.workOrder.id),
        (f) => f.workOrderId,
      )();
    },
    // callbacks carry their resident's site: each supervisor works their site's only
    callbacks: async () => {
      for (const f of [hg, s2]) {
        await platform.orm.em
          .fork()
          .transactional((em) =>
            platform.services.callbackScheduler.residentMovedIn(
              em,
              f.residentId,
              f.unitId,
              estateDate(new Date()),
              new Date(),
            ),
          );
      }
      await listCheck<{ callbacks: { nodes: Array<{ resident: { id: string } }> } }>(
        'query { callbacks(first: 200) { nodes { id resident { id } } } }',
        (d) => d.callbacks.nodes.map((n) => n.resident.id),
        (f) => f.residentId,
      )();
    },
    // each supervisor's figures are their site's (null siteId = their sites), the other site is NOT_FOUND,
    // and the manager's per-site figures agree with theirs
    serviceKpis: async () => {
      const text = `query($from: DateTimeISO!, $to: DateTimeISO!, $siteId: ID) {
        serviceKpis(from: $from, to: $to, siteId: $siteId) { calls requests workOrdersOpened incidents }
      }`;
      const period = {
        from: new Date(Date.now() - 24 * 3600_000).toISOString(),
        to: new Date(Date.now() + 3600_000).toISOString(),
      };
      const siteIdOf = async (token: string) =>
        (await query<{ me: { sites: Array<{ id: string }> } }>(token, 'query { me { sites { id } } }')).data!.me
          .sites[0].id;
      const kpis = async (token: string, siteId?: string) => {
        const result = await query<{ serviceKpis: Record<string, number> }>(token, text, { ...period, siteId });
        expect(result.errors).toBeUndefined();
        return result.data!.serviceKpis;
      };
      const ids = { hg: await siteIdOf(hgToken), s2: await siteIdOf(s2Token) };
      for (const [token, own, other] of [
        [hgToken, ids.hg, ids.s2],
        [s2Token, ids.s2, ids.hg],
      ] as const) {
        const mine = await kpis(token);
        expect(mine.requests).toBeGreaterThan(0); // the fixture's request of that site
        expect(await kpis(token, own)).toEqual(mine);
        expect(await kpis(manager, own)).toEqual(mine);
        expect(codeOf(await query(token, text, { ...period, siteId: other }))).toBe('NOT_FOUND');
      }
      const all = await kpis(manager);
      const [hgOnly, s2Only] = [await kpis(hgToken), await kpis(s2Token)];
      expect(all.requests).toBeGreaterThanOrEqual(hgOnly.requests + s2Only.requests);
    },
    workOrders: listCheck<{ workOrders: { nodes: Array<{ id: string }> } }>(
      'query { workOrders(first: 500) { nodes { id } } }',
      (d) => d.workOrders.nodes.map((n) => n.id),
      (f) => f.workOrderId,
    ),
  };

  it('covers every Query field of the schema', () => {
    expect(Object.keys(QUERIES).sort()).toEqual(Object.keys(schema.getQueryType()!.getFields()).sort());
  });

  for (const [field, check] of Object.entries(QUERIES)) {
    it(`Query.${field} answers only the caller's sites`, check);
  }

  it('mutations on an id of another site answer NOT_FOUND and change nothing', async () => {
    const ack = await query(hgToken, 'mutation($id: ID!) { acknowledgeAlert(id: $id) { id } }', { id: s2.alertId });
    expect(codeOf(ack)).toBe('NOT_FOUND');
    const [row] = await platform.orm.em
      .fork()
      .execute<Array<{ status: string }>>('select status from alert where id = ?', [s2.alertId]);
    expect(row.status).toBe('ACTIVE_UNACK');
    const equipment = await query(
      hgToken,
      'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
      {
        input: { buildingId: s2.buildingId, code: 'X-1', name: 'x', system: 'WATER', kind: 'pump' },
      },
    );
    expect(codeOf(equipment)).toBe('NOT_FOUND');
    const device = await query(
      hgToken,
      'mutation($e: ID!) { provisionDevice(equipmentId: $e, deviceId: "x-scope-1") { username } }',
      {
        e: s2.equipmentId,
      },
    );
    expect(codeOf(device)).toBe('NOT_FOUND');
    const ended = await query(hgToken, 'mutation($id: ID!) { endCall(id: $id) { id } }', { id: s2.callId });
    expect(codeOf(ended)).toBe('NOT_FOUND');
    const endedIncident = await query(hgToken, 'mutation($id: ID!) { endIncident(id: $id) { id } }', {
      id: s2.incidentId,
    });
    expect(codeOf(endedIncident)).toBe('NOT_FOUND');
    const [incident] = await platform.orm.em
      .fork()
      .execute<Array<{ status: string }>>('select status from incident where id = ?', [s2.incidentId]);
    expect(incident.status).toBe('ACTIVE');
    const [call] = await platform.orm.em
      .fork()
      .execute<Array<{ ended_at: unknown }>>('select ended_at from call where id = ?', [s2.callId]);
    expect(call.ended_at).toBeNull();
    for (const link of [{ unitId: s2.unitId }, { callId: s2.callId }, { equipmentId: s2.equipmentId }]) {
      const filed = await query(
        hgToken,
        'mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { id } }',
        { input: { category: 'REPAIR', description: 'across sites', ...link } },
      );
      expect(codeOf(filed)).toBe('NOT_FOUND');
    }
    const [{ n }] = await platform.orm.em
      .fork()
      .execute<Array<{ n: string }>>(`select count(*) as n from service_request where description = 'across sites'`);
    expect(Number(n)).toBe(0);
    const moved = await query(
      hgToken,
      'mutation($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { id } }',
      { input: { id: s2.workOrderId, version: 1, to: 'CANCELLED', note: 'not mine' } },
    );
    expect(codeOf(moved)).toBe('NOT_FOUND');
    const [workOrder] = await platform.orm.em
      .fork()
      .execute<Array<{ status: string }>>('select status from work_order where id = ?', [s2.workOrderId]);
    expect(workOrder.status).toBe('OPEN');
  });

  /** Every Subscription field of the schema, with what it sends for a fixture. */
  const SUBSCRIPTIONS: Record<
    string,
    { text: string; id: (data: Record<string, { id: string }>) => string; of: (f: AlertFixture) => string }
  > = {
    alertRaised: { text: 'subscription { alertRaised { id } }', id: (d) => d.alertRaised.id, of: (f) => f.alertId },
    alertChanged: { text: 'subscription { alertChanged { id } }', id: (d) => d.alertChanged.id, of: (f) => f.alertId },
    workOrderOpened: {
      text: 'subscription { workOrderOpened { id } }',
      id: (d) => d.workOrderOpened.id,
      of: (f) => f.workOrderId,
    },
    workOrderChanged: {
      text: 'subscription { workOrderChanged { id } }',
      id: (d) => d.workOrderChanged.id,
      of: (f) => f.workOrderId,
    },
  };

  /** Subscriptions whose events are not alerts' or work orders': each has its own test below. */
  const OTHER_SUBSCRIPTIONS = ['incidentChanged'];

  it('covers every Subscription field of the schema', () => {
    expect([...Object.keys(SUBSCRIPTIONS), ...OTHER_SUBSCRIPTIONS].sort()).toEqual(
      Object.keys(schema.getSubscriptionType()!.getFields()).sort(),
    );
  });

  it('incidentChanged sends a caller only its sites’ incidents', async () => {
    const clients = { hg: wsClient(url, hgToken), s2: wsClient(url, s2Token), manager: wsClient(url, manager) };
    const text = 'subscription { incidentChanged { id status } }';
    type Changed = { incidentChanged: { id: string; status: string } };
    const streams = {
      hg: collect<Changed>(clients.hg, text),
      s2: collect<Changed>(clients.s2, text),
      manager: collect<Changed>(clients.manager, text),
    };
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscriptions are registered
    const open = async (buildingId: string) =>
      (
        await run<{ createIncident: { id: string } }>(
          url,
          'mutation($input: CreateIncidentInput!) { createIncident(input: $input) { id } }',
          {
            input: {
              title: 'sub',
              kind: 'ELECTRIC',
              buildingIds: [buildingId],
              startsAt: new Date().toISOString(),
              planned: false,
            },
          },
          manager,
        )
      ).createIncident.id;
    try {
      // in order: HG, S2, HG — when a caller has its last own event, it has been handed the other site's
      const ids = [await open(hg.buildingId), await open(s2.buildingId), await open(hg.buildingId)];
      await platform.settle();
      const idsOf = (events: Changed[]) => events.map((e) => e.incidentChanged.id);
      expect(idsOf(await streams.hg.next(2))).toEqual([ids[0], ids[2]]);
      expect(idsOf(await streams.s2.next(1))).toEqual([ids[1]]);
      expect(idsOf(await streams.manager.next(3))).toEqual(ids);
      expect(streams.hg.events).toHaveLength(2);
      expect(streams.s2.events).toHaveLength(1);
    } finally {
      for (const client of Object.values(clients)) await client.dispose();
    }
  });

  it('every subscription sends a caller only its sites’ events (same operation and role, different sites)', async () => {
    const clients = { hg: wsClient(url, hgToken), s2: wsClient(url, s2Token), manager: wsClient(url, manager) };
    const streams = new Map<string, Record<keyof typeof clients, Collector<Record<string, { id: string }>>>>();
    for (const [field, sub] of Object.entries(SUBSCRIPTIONS)) {
      streams.set(field, {
        hg: collect(clients.hg, sub.text),
        s2: collect(clients.s2, sub.text),
        manager: collect(clients.manager, sub.text),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscriptions are registered
    try {
      // in order: HG, S2, HG again — when a caller has its last own event, it has been handed the other site's
      const a = await raiseOn('HG-SUB-A', hg.buildingId);
      const b = await raiseOn('S2-SUB-B', s2.buildingId);
      const c = await raiseOn('HG-SUB-C', hg.buildingId);
      for (const f of [a, b, c]) {
        await run(url, 'mutation($id: ID!) { acknowledgeAlert(id: $id) { id } }', { id: f.alertId }, manager);
        const { workOrder } = await run<{ workOrder: { version: number } }>(
          url,
          'query($id: ID!) { workOrder(id: $id) { version } }',
          { id: f.workOrderId },
          manager,
        );
        await run(
          url,
          'mutation($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { id } }',
          { input: { id: f.workOrderId, version: workOrder.version, to: 'CANCELLED', note: 'scoping test' } },
          manager,
        );
      }
      await platform.settle();
      for (const [field, sub] of Object.entries(SUBSCRIPTIONS)) {
        const stream = streams.get(field)!;
        expect((await stream.hg.next(2)).map(sub.id)).toEqual([sub.of(a), sub.of(c)]);
        expect((await stream.s2.next(1)).map(sub.id)).toEqual([sub.of(b)]);
        expect((await stream.manager.next(3)).map(sub.id)).toEqual([sub.of(a), sub.of(b), sub.of(c)]);
        expect(stream.hg.events).toHaveLength(2);
        expect(stream.s2.events).toHaveLength(1);
      }
    } finally {
      for (const client of Object.values(clients)) await client.dispose();
    }
  });
});
