/**
 * The audit trail: every mutation writes its row in the transaction of its change, a failed
 * one writes none, rows cannot be changed, only managers read them. Real: the platform over
 * HTTP, PostgreSQL (PGlite, or PostgreSQL 15 in CI), the broker and InfluxDB it starts with.
 * Faked: nothing; the alert to acknowledge is raised through the AlertService, as ingest does.
 *
 * MUTATIONS below is the table every new mutation must join: the first test lists the schema's
 * mutations (from the resolvers, as served) and fails for any that is not in it; each one is
 * then run to fail (no row) and to succeed (its row, written by the same transaction as the
 * entity: the two rows' `xmin`, the id of the transaction that wrote them, are equal).
 */
import { buildSchema } from 'graphql';
import { schemaSdl } from '../../gateway/schema-sdl';
import { buildDevice } from '../factories/device.factory';
import { createWorkOrder } from '../factories/work-order.factory';
import { postGraphql, type GraphqlResponse } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** Mutations that change nothing stored: they need no audit row. */
const NOT_CHANGES = new Set(['login']);

interface Scenario<S = unknown> {
  action: string;
  /** the table of the changed entity (for its xmin) */
  table: string;
  /** builds what the mutation needs (its own audit rows do not count) */
  setup(): Promise<S>;
  /** the mutation, made to fail after its checks start; resolves with the response */
  fail(s: S): Promise<GraphqlResponse<unknown>>;
  /** the mutation, succeeding; resolves with the changed entity's id */
  succeed(s: S): Promise<string>;
  /** whether the change of `succeed` is in the database (for the rollback test) */
  changed(s: S): Promise<boolean>;
  /** the demo account whose audit row `succeed` writes, for mutations a manager may not make (default: manager) */
  by?: string;
}

/** a scenario typed by what its setup returns, kept in the table untyped */
const scenario = <S>(s: Scenario<S>) => s as unknown as Scenario;

describe('audit trail', () => {
  let platform: TestPlatform;
  let manager: string;
  let managerId: string;
  let n = 0;

  beforeAll(async () => {
    platform = await startTestPlatform();
    manager = await platform.login('manager');
    [{ id: managerId }] = await sql<{ id: string }>(`select id from staff where username = 'manager'`);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);
  const api = <T = Record<string, never>>(query: string, variables?: Record<string, unknown>, token = manager) =>
    postGraphql<T, Record<string, unknown> | undefined>(platform.graphqlUrl, query, variables, token);
  const ok = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const result = await api<T>(query, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const staffIdOf = async (username: string) =>
    (await sql<{ id: string }>('select id from staff where username = ?', [username]))[0].id;
  /** a demo account's token, signed in once */
  const tokens = new Map<string, string>();
  const tokenOf = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await platform.login(username));
    return tokens.get(username)!;
  };
  const auditCount = async () => Number((await sql<{ n: string }>('select count(*) as n from audit_entry'))[0].n);

  const SET_SERVES = `mutation($e: ID!, $u: [ID!]!) { setEquipmentServes(equipmentId: $e, unitIds: $u) { id } }`;
  const CREATE_INCIDENT = `mutation($input: CreateIncidentInput!) { createIncident(input: $input) { id } }`;
  const END_INCIDENT = `mutation($id: ID!, $note: String) { endIncident(id: $id, note: $note) { id } }`;
  const incidentInput = (title: string, building: string) => ({
    title,
    kind: 'WATER',
    buildingIds: [building],
    startsAt: new Date().toISOString(),
    planned: false,
  });
  const CREATE_EQUIPMENT = `mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }`;
  const PROVISION = `mutation($e: ID!, $d: String!) { provisionDevice(equipmentId: $e, deviceId: $d) { device { id } } }`;
  const ACK = `mutation($id: ID!, $v: Int) { acknowledgeAlert(id: $id, expectedVersion: $v) { id status } }`;
  const TRANSITION = `mutation($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { id status } }`;

  const buildingId = async () =>
    (await ok<{ buildings: Array<{ id: string }> }>('{ buildings { id } }')).buildings[0].id;
  const createEquipment = async (code: string) =>
    (
      await ok<{ createEquipment: { id: string } }>(CREATE_EQUIPMENT, {
        input: { buildingId: await buildingId(), code, name: code, system: 'WATER', kind: 'pump' },
      })
    ).createEquipment.id;

  const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`;
  const CREATE_BUILDING = `mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }`;
  const CREATE_STAFF = `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`;
  const UPDATE_STAFF = `mutation($input: UpdateStaffInput!) { updateStaff(input: $input) { id role } }`;
  const LOGOUT = `mutation { logout }`;
  const PASSWORD = 'audit-test-password';

  const createSite = async (code: string) =>
    (await ok<{ createSite: { id: string } }>(CREATE_SITE, { input: { code, name: code } })).createSite.id;
  const createStaff = async (username: string, siteId: string) =>
    (
      await ok<{ createStaff: { id: string } }>(CREATE_STAFF, {
        input: { username, name: username, role: 'TECHNICIAN', password: PASSWORD, siteIds: [siteId] },
      })
    ).createStaff.id;

  const START_CALL = `mutation($input: StartCallInput!) { startCall(input: $input) { id } }`;
  const END_CALL = `mutation($id: ID!, $summary: String) { endCall(id: $id, summary: $summary) { id } }`;
  const CREATE_REQUEST = `mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { id } }`;
  const PUBLISH = `mutation($input: PublishAnnouncementInput!) { publishAnnouncement(input: $input) { id } }`;
  const SET_SLA = `mutation($input: SlaPolicyInput!) { setSlaPolicy(input: $input) { category } }`;
  const startCall = async (phone: string) =>
    (await ok<{ startCall: { id: string } }>(START_CALL, { input: { phone, channel: 'PHONE' } })).startCall.id;
  /** a phone number no other scenario uses */
  const callPhone = () => `1370000${String(++n).padStart(4, '0')}`;
  const CREATE_UNIT = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }`;
  const REGISTER = `mutation($input: RegisterResidentInput!) {
    registerResident(input: $input) { id version occupancies { id unit { id } until } } }`;
  const MOVE_OUT = `mutation($r: ID!, $u: ID!, $on: Date!) {
    moveOut(residentId: $r, unitId: $u, on: $on) { id occupancies { id unit { id } until } } }`;
  const RECORD_CALLBACK = `mutation($input: RecordCallbackInput!) { recordCallback(input: $input) { id status } }`;
  const CANCEL_CALLBACK = `mutation($input: CancelCallbackInput!) { cancelCallback(input: $input) { id status } }`;
  const IMPORT = `mutation($input: ImportInput!) { importResidents(input: $input) { imported errors { row } } }`;
  /** the site and building columns of a roster row for the first building */
  const buildingColumns = async () => {
    const [b] = (
      await ok<{ buildings: Array<{ code: string; site: { code: string } }> }>('{ buildings { code site { code } } }')
    ).buildings;
    return `${b.site.code},${b.code}`;
  };
  const UPDATE_RESIDENT = `mutation($input: UpdateResidentInput!) { updateResident(input: $input) { id } }`;
  const UPDATE_PLAN = `mutation($input: UpdateEmergencyPlanInput!) { updateEmergencyPlan(input: $input) { id } }`;
  type Registered = {
    registerResident: { id: string; version: number; occupancies: Array<{ id: string; unit: { id: string } }> };
  };

  const createUnit = async (code: string) =>
    (
      await ok<{ createUnit: { id: string } }>(CREATE_UNIT, {
        input: { buildingId: await buildingId(), code, floor: 3 },
      })
    ).createUnit.id;
  /** a phone number of its own for each resident the audit tests register */
  const auditPhone = () => `188${String(++n).padStart(4, '0')}${String(Date.now() % 10_000).padStart(4, '0')}`;
  const registerIn = async (unitId: string, phone: string) =>
    (await ok<Registered>(REGISTER, { input: { name: '审计', phone, unitId, relation: 'OWNER', since: '2020-01-01' } }))
      .registerResident;
  /** a move-in today: it schedules its NEW_RESIDENT callback (schema/callbacks/callback-move-ins.ts) */
  const moveInToday = async (unitId: string, phone: string) =>
    (await ok<Registered>(REGISTER, { input: { name: '审计', phone, unitId, relation: 'OWNER' } })).registerResident;

  const CLOSE_SHIFT = `mutation($notes: String) { closeShift(notes: $notes) { id } }`;
  const TAKE_OVER_SHIFT = `mutation($id: ID!) { takeOverShift(id: $id) { id } }`;
  /** a shift closed by the demo account `username` (site HG), with notes no other scenario uses */
  const closeShiftAs = async (username: string, notes: string) => {
    const closed = await api<{ closeShift: { id: string } }>(CLOSE_SHIFT, { notes }, await tokenOf(username));
    if (!closed.data) throw new Error(`GraphQL errors: ${JSON.stringify(closed.errors)}`);
    return closed.data.closeShift.id;
  };

  const MUTATIONS: Record<string, Scenario> = {
    closeShift: scenario({
      action: 'shift.close',
      table: 'shift',
      by: 'hotline-manager',
      setup: async () => ({ notes: `audit shift ${++n} ${Date.now().toString(36)}` }),
      fail: async () => api(CLOSE_SHIFT, { notes: 'x'.repeat(10_001) }, await tokenOf('hotline-manager')), // too long
      succeed: (s) => closeShiftAs('hotline-manager', s.notes),
      async changed(s) {
        return (await sql('select 1 from shift where notes = ?', [s.notes])).length === 1;
      },
    }),
    takeOverShift: scenario({
      action: 'shift.take-over',
      table: 'shift',
      by: 'hotline-manager',
      setup: async () => ({ id: await closeShiftAs('operator', `audit take-over ${++n} ${Date.now().toString(36)}`) }),
      fail: async (s) => api(TAKE_OVER_SHIFT, { id: s.id }, await tokenOf('operator')), // their own shift
      async succeed(s) {
        const taken = await api<{ takeOverShift: { id: string } }>(
          TAKE_OVER_SHIFT,
          { id: s.id },
          await tokenOf('hotline-manager'),
        );
        if (!taken.data) throw new Error(`GraphQL errors: ${JSON.stringify(taken.errors)}`);
        return taken.data.takeOverShift.id;
      },
      async changed(s) {
        return (await sql('select 1 from shift where id = ? and taken_over_at is not null', [s.id])).length === 1;
      },
    }),
    createSite: scenario({
      action: 'site.create',
      table: 'site',
      async setup() {
        const taken = `AS${++n}${Date.now().toString(36)}`.toUpperCase();
        await createSite(taken);
        return { taken, code: `${taken}N` };
      },
      fail: (s) => api(CREATE_SITE, { input: { code: s.taken, name: 'dup' } }),
      succeed: (s) => createSite(s.code),
      async changed(s) {
        return (await sql('select 1 from site where code = ?', [s.code])).length === 1;
      },
    }),
    createBuilding: scenario({
      action: 'building.create',
      table: 'building',
      async setup() {
        const siteId = await createSite(`AB${++n}${Date.now().toString(36)}`.toUpperCase());
        await ok(CREATE_BUILDING, { input: { siteId, code: 'TAKEN', name: 'taken' } });
        return { siteId, code: `B${n}` };
      },
      fail: (s) => api(CREATE_BUILDING, { input: { siteId: s.siteId, code: 'TAKEN', name: 'dup' } }),
      async succeed(s) {
        return (
          await ok<{ createBuilding: { id: string } }>(CREATE_BUILDING, {
            input: { siteId: s.siteId, code: s.code, name: s.code },
          })
        ).createBuilding.id;
      },
      async changed(s) {
        return (await sql('select 1 from building where site_id = ? and code = ?', [s.siteId, s.code])).length === 1;
      },
    }),
    createStaff: scenario({
      action: 'staff.create',
      table: 'staff',
      async setup() {
        const siteId = await createSite(`AT${++n}${Date.now().toString(36)}`.toUpperCase());
        const taken = `aud-taken-${n}-${Date.now().toString(36)}`;
        await createStaff(taken, siteId);
        return { siteId, taken, username: `aud-staff-${n}-${Date.now().toString(36)}` };
      },
      fail: (s) =>
        api(CREATE_STAFF, {
          input: { username: s.taken, name: 'dup', role: 'TECHNICIAN', password: PASSWORD, siteIds: [s.siteId] },
        }),
      succeed: (s) => createStaff(s.username, s.siteId),
      async changed(s) {
        return (await sql('select 1 from staff where username = ?', [s.username])).length === 1;
      },
    }),
    updateStaff: scenario({
      action: 'staff.update',
      table: 'staff',
      async setup() {
        const siteId = await createSite(`AU${++n}${Date.now().toString(36)}`.toUpperCase());
        return { id: await createStaff(`aud-upd-${n}-${Date.now().toString(36)}`, siteId) };
      },
      fail: (s) => api(UPDATE_STAFF, { input: { id: s.id, role: 'HOTLINE_OPERATOR', expectedVersion: 999 } }),
      async succeed(s) {
        return (
          await ok<{ updateStaff: { id: string } }>(UPDATE_STAFF, { input: { id: s.id, role: 'HOTLINE_OPERATOR' } })
        ).updateStaff.id;
      },
      async changed(s) {
        return (await sql("select 1 from staff where id = ? and role = 'HOTLINE_OPERATOR'", [s.id])).length === 1;
      },
    }),
    logout: scenario({
      action: 'staff.logout',
      table: 'staff_session',
      // a second session of the manager's, so the test's own token stays valid
      async setup() {
        const revoked = await platform.login('manager');
        await api(LOGOUT, undefined, revoked);
        const token = await platform.login('manager');
        const [{ id }] = await sql<{ id: string }>(
          'select id from staff_session where staff_id = ? and revoked_at is null order by created_at desc limit 1',
          [managerId],
        );
        return { revoked, token, id };
      },
      fail: (s) => api(LOGOUT, undefined, s.revoked), // a signed-out session: refused before anything changes
      async succeed(s) {
        const result = await api<{ logout: boolean }>(LOGOUT, undefined, s.token);
        if (result.errors?.length || !result.data?.logout)
          throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
        return s.id;
      },
      async changed(s) {
        return (await sql('select 1 from staff_session where id = ? and revoked_at is not null', [s.id])).length === 1;
      },
    }),
    createEquipment: scenario({
      action: 'equipment.create',
      table: 'equipment',
      async setup() {
        const taken = `AUD-EQ-${++n}-${Date.now().toString(36)}`;
        await createEquipment(taken);
        return { taken, code: `${taken}-new`, buildingId: await buildingId() };
      },
      fail: (s) =>
        api(CREATE_EQUIPMENT, {
          input: { buildingId: s.buildingId, code: s.taken, name: 'dup', system: 'WATER', kind: 'pump' },
        }),
      async succeed(s) {
        return createEquipment(s.code);
      },
      async changed(s) {
        return (await sql('select 1 from equipment where code = ?', [s.code])).length === 1;
      },
    }),
    provisionDevice: scenario({
      action: 'device.provision',
      table: 'device',
      async setup() {
        const [a, b] = [await createEquipment(`AUD-A-${++n}`), await createEquipment(`AUD-B-${n}`)];
        const taken = `aud-taken-${n}-${Date.now().toString(36)}`;
        await ok(PROVISION, { e: a, d: taken });
        return { a, b, taken, fresh: `aud-dev-${n}-${Date.now().toString(36)}` };
      },
      fail: (s) => api(PROVISION, { e: s.b, d: s.taken }), // on another equipment
      async succeed(s) {
        return (await ok<{ provisionDevice: { device: { id: string } } }>(PROVISION, { e: s.a, d: s.fresh }))
          .provisionDevice.device.id;
      },
      async changed(s) {
        return (await sql('select 1 from device where device_id = ?', [s.fresh])).length === 1;
      },
    }),
    acknowledgeAlert: scenario({
      action: 'alert.acknowledge',
      table: 'alert',
      async setup() {
        const device = await buildDevice(platform.graphqlUrl, manager);
        await platform.services.alerts.apply([
          {
            type: 'raise',
            faultCode: 'WATER_LEAK',
            severity: 'critical',
            equipmentId: device.equipmentId,
            deviceId: device.deviceId,
            at: Date.now(),
            message: 'audit test',
          },
        ]);
        const [{ id }] = await sql<{ id: string }>('select id from alert where equipment_id = ?', [device.equipmentId]);
        return { id };
      },
      fail: (s) => api(ACK, { id: s.id, v: 999 }), // a stale version
      async succeed(s) {
        return (await ok<{ acknowledgeAlert: { id: string } }>(ACK, { id: s.id })).acknowledgeAlert.id;
      },
      async changed(s) {
        return (await sql("select 1 from alert where id = ? and status = 'ACTIVE_ACK'", [s.id])).length === 1;
      },
    }),
    startCall: scenario({
      action: 'call.start',
      table: 'call',
      setup: async () => ({ phone: callPhone() }),
      fail: () => api(START_CALL, { input: { phone: 'no digits', channel: 'PHONE' } }),
      succeed: (s) => startCall(s.phone),
      async changed(s) {
        return (await sql('select 1 from call where phone = ?', [s.phone])).length === 1;
      },
    }),
    endCall: scenario({
      action: 'call.end',
      table: 'call',
      setup: async () => ({ id: await startCall(callPhone()) }),
      fail: () => api(END_CALL, { id: '00000000-0000-4000-8000-000000000000' }),
      async succeed(s) {
        return (await ok<{ endCall: { id: string } }>(END_CALL, { id: s.id, summary: 'audited' })).endCall.id;
      },
      async changed(s) {
        return (await sql('select 1 from call where id = ? and ended_at is not null', [s.id])).length === 1;
      },
    }),
    setEquipmentServes: scenario({
      action: 'equipment.setServes',
      table: 'equipment',
      async setup() {
        const equipmentId = await createEquipment(`AUD-SERVES-${++n}-${Date.now().toString(36)}`);
        return { equipmentId, unitId: await createUnit(`AUD-SV-${n}-${Date.now().toString(36)}`) };
      },
      fail: (s) => api(SET_SERVES, { e: s.equipmentId, u: ['00000000-0000-4000-8000-000000000000'] }), // a unit that is not there
      async succeed(s) {
        return (await ok<{ setEquipmentServes: { id: string } }>(SET_SERVES, { e: s.equipmentId, u: [s.unitId] }))
          .setEquipmentServes.id;
      },
      async changed(s) {
        return (await sql('select 1 from equipment_unit where equipment_id = ?', [s.equipmentId])).length === 1;
      },
    }),
    createIncident: scenario({
      action: 'incident.create',
      table: 'incident',
      setup: async () => ({ title: `audited stop ${++n} ${Date.now().toString(36)}`, buildingId: await buildingId() }),
      fail: (s) => api(CREATE_INCIDENT, { input: incidentInput(s.title, '00000000-0000-4000-8000-000000000000') }),
      async succeed(s) {
        return (
          await ok<{ createIncident: { id: string } }>(CREATE_INCIDENT, { input: incidentInput(s.title, s.buildingId) })
        ).createIncident.id;
      },
      async changed(s) {
        return (await sql('select 1 from incident where title = ?', [s.title])).length === 1;
      },
    }),
    endIncident: scenario({
      action: 'incident.end',
      table: 'incident',
      async setup() {
        const created = await ok<{ createIncident: { id: string } }>(CREATE_INCIDENT, {
          input: incidentInput(`audited end ${++n}`, await buildingId()),
        });
        return { id: created.createIncident.id };
      },
      fail: () => api(END_INCIDENT, { id: '00000000-0000-4000-8000-000000000000' }),
      async succeed(s) {
        return (await ok<{ endIncident: { id: string } }>(END_INCIDENT, { id: s.id, note: 'audited' })).endIncident.id;
      },
      async changed(s) {
        return (await sql(`select 1 from incident where id = ? and status = 'ENDED'`, [s.id])).length === 1;
      },
    }),
    createServiceRequest: scenario({
      action: 'serviceRequest.create',
      table: 'service_request',
      setup: async () => ({ description: `audited repair ${++n} ${Date.now().toString(36)}` }),
      fail: (s) =>
        api(CREATE_REQUEST, {
          input: { category: 'REPAIR', description: s.description, unitId: '00000000-0000-4000-8000-000000000000' },
        }),
      async succeed(s) {
        return (
          await ok<{ createServiceRequest: { id: string } }>(CREATE_REQUEST, {
            input: { category: 'REPAIR', description: s.description },
          })
        ).createServiceRequest.id;
      },
      async changed(s) {
        return (await sql('select 1 from service_request where description = ?', [s.description])).length === 1;
      },
    }),
    publishAnnouncement: scenario({
      action: 'announcement.publish',
      table: 'announcement',
      setup: async () => ({
        title: `audited notice ${++n} ${Date.now().toString(36)}`,
        buildingId: await buildingId(),
      }),
      // refused by its own check: the expiry is not after the publishing time
      fail: (s) =>
        api(PUBLISH, {
          input: {
            title: s.title,
            body: 'audited',
            kind: 'NOTICE',
            buildingIds: [s.buildingId],
            publishAt: '2026-01-02T00:00:00Z',
            expiresAt: '2026-01-01T00:00:00Z',
          },
        }),
      async succeed(s) {
        return (
          await ok<{ publishAnnouncement: { id: string } }>(PUBLISH, {
            input: { title: s.title, body: 'audited', kind: 'NOTICE', buildingIds: [s.buildingId] },
          })
        ).publishAnnouncement.id;
      },
      async changed(s) {
        return (await sql('select 1 from announcement where title = ?', [s.title])).length === 1;
      },
    }),
    setSlaPolicy: scenario({
      action: 'slaPolicy.set',
      table: 'sla_policy',
      // SUGGESTION opens no work order: changing its policy affects nothing else in this file
      setup: async () => ({ respondMinutes: 100 + ++n }),
      fail: (s) =>
        api(SET_SLA, {
          input: { category: 'SUGGESTION', priority: 'LOW', respondMinutes: s.respondMinutes, resolveMinutes: 1 },
        }),
      async succeed(s) {
        await ok(SET_SLA, {
          input: { category: 'SUGGESTION', priority: 'LOW', respondMinutes: s.respondMinutes, resolveMinutes: 9999 },
        });
        const [{ id }] = await sql<{ id: string }>(
          "select id from sla_policy where category = 'SUGGESTION' and priority = 'LOW'",
        );
        return id;
      },
      async changed(s) {
        return (
          (
            await sql(
              "select 1 from sla_policy where category = 'SUGGESTION' and priority = 'LOW' and respond_minutes = ?",
              [s.respondMinutes],
            )
          ).length === 1
        );
      },
    }),
    createUnit: scenario({
      action: 'unit.create',
      table: 'unit',
      async setup() {
        const taken = `AUD-U-${++n}-${Date.now().toString(36)}`;
        await createUnit(taken);
        return { taken, code: `${taken}-N`, buildingId: await buildingId() };
      },
      fail: (s) => api(CREATE_UNIT, { input: { buildingId: s.buildingId, code: s.taken, floor: 1 } }),
      succeed: (s) => createUnit(s.code),
      async changed(s) {
        return (await sql('select 1 from unit where code = ?', [s.code])).length === 1;
      },
    }),
    registerResident: scenario({
      action: 'resident.register',
      table: 'occupancy',
      async setup() {
        return { unitId: await createUnit(`AUD-R-${++n}-${Date.now().toString(36)}`), phone: auditPhone() };
      },
      fail: (s) => api(REGISTER, { input: { name: '审计', phone: '12345', unitId: s.unitId, relation: 'OWNER' } }),
      async succeed(s) {
        const resident = await registerIn(s.unitId, s.phone);
        return resident.occupancies.find((o) => o.unit.id === s.unitId)!.id;
      },
      async changed(s) {
        return (await sql('select 1 from occupancy where unit_id = ?', [s.unitId])).length === 1;
      },
    }),
    moveOut: scenario({
      action: 'resident.move-out',
      table: 'occupancy',
      async setup() {
        const unitId = await createUnit(`AUD-M-${++n}-${Date.now().toString(36)}`);
        const resident = await registerIn(unitId, auditPhone());
        return { unitId, residentId: resident.id, occupancyId: resident.occupancies[0].id };
      },
      fail: (s) => api(MOVE_OUT, { r: s.residentId, u: s.unitId, on: '2019-12-31' }), // before the move-in
      async succeed(s) {
        const moved = await ok<{ moveOut: Registered['registerResident'] }>(MOVE_OUT, {
          r: s.residentId,
          u: s.unitId,
          on: '2024-06-30',
        });
        return moved.moveOut.occupancies.find((o) => o.unit.id === s.unitId)!.id;
      },
      async changed(s) {
        return (await sql('select 1 from occupancy where id = ? and until is not null', [s.occupancyId])).length === 1;
      },
    }),
    updateResident: scenario({
      action: 'resident.update',
      table: 'resident',
      async setup() {
        const resident = await registerIn(await createUnit(`AUD-E-${++n}-${Date.now().toString(36)}`), auditPhone());
        return { id: resident.id, version: resident.version, name: `审计改名${n}` };
      },
      fail: (s) => api(UPDATE_RESIDENT, { input: { id: s.id, version: s.version + 10, name: s.name } }), // stale
      async succeed(s) {
        return (
          await ok<{ updateResident: { id: string } }>(UPDATE_RESIDENT, {
            input: { id: s.id, version: s.version, name: s.name },
          })
        ).updateResident.id;
      },
      async changed(s) {
        return (await sql('select 1 from resident where id = ? and name = ?', [s.id, s.name])).length === 1;
      },
    }),
    updateEmergencyPlan: scenario({
      action: 'emergencyPlan.update',
      table: 'emergency_plan',
      async setup() {
        const [plan] = await sql<{ id: string; version: number }>(
          `select id, version from emergency_plan where fault_code = 'TANK_LEVEL_LOW'`,
        );
        return { ...plan, title: `审计预案 ${++n}` };
      },
      fail: (s) => api(UPDATE_PLAN, { input: { id: s.id, version: s.version + 10, title: s.title } }), // stale
      async succeed(s) {
        return (
          await ok<{ updateEmergencyPlan: { id: string } }>(UPDATE_PLAN, {
            input: { id: s.id, version: s.version, title: s.title },
          })
        ).updateEmergencyPlan.id;
      },
      async changed(s) {
        return (await sql('select 1 from emergency_plan where id = ? and title = ?', [s.id, s.title])).length === 1;
      },
    }),
    importResidents: scenario({
      action: 'resident.import',
      table: 'occupancy',
      async setup() {
        const code = `AUD-I-${++n}-${Date.now().toString(36)}`;
        const csv = `site,building,unit,floor,name,phone,relation\r\n${await buildingColumns()},${code},2,导入,${auditPhone()},OWNER\r\n`;
        return { code, contentBase64: Buffer.from(csv).toString('base64') };
      },
      // a file that is neither .xlsx nor .csv (a file with bad rows answers them as data, and writes nothing either)
      fail: (s) => api(IMPORT, { input: { filename: 'roster.doc', contentBase64: s.contentBase64, dryRun: false } }),
      async succeed(s) {
        const answer = await ok<{ importResidents: { imported: number } }>(IMPORT, {
          input: { filename: 'audit.csv', contentBase64: s.contentBase64, dryRun: false },
        });
        expect(answer.importResidents.imported).toBe(1);
        const [row] = await sql<{ id: string }>(
          'select o.id from occupancy o join unit u on u.id = o.unit_id where u.code = ?',
          [s.code],
        );
        return row.id;
      },
      async changed(s) {
        return (await sql('select 1 from unit where code = ?', [s.code])).length === 1;
      },
    }),
    transitionWorkOrder: scenario({
      action: 'workOrder.cancel',
      table: 'work_order',
      setup: () => createWorkOrder(platform.orm),
      fail: (s) => api(TRANSITION, { input: { id: s.id, version: s.version + 5, to: 'CANCELLED', note: 'x' } }),
      async succeed(s) {
        return (
          await ok<{ transitionWorkOrder: { id: string } }>(TRANSITION, {
            input: { id: s.id, version: s.version, to: 'CANCELLED', note: 'audit test' },
          })
        ).transitionWorkOrder.id;
      },
      async changed(s) {
        return (await sql("select 1 from work_order where id = ? and status = 'CANCELLED'", [s.id])).length === 1;
      },
    }),
    recordCallback: scenario({
      action: 'callback.record',
      table: 'callback',
      async setup() {
        // a move-in schedules its NEW_RESIDENT callback (schema/callbacks/callback-scheduler.ts)
        const resident = await moveInToday(await createUnit(`AUD-CB-${++n}-${Date.now().toString(36)}`), auditPhone());
        const [row] = await sql<{ id: string }>('select id from callback where resident_id = ?', [resident.id]);
        return { id: row.id };
      },
      fail: (s) => api(RECORD_CALLBACK, { input: { id: s.id, reached: true, satisfaction: 9 } }),
      async succeed(s) {
        return (await ok<{ recordCallback: { id: string } }>(RECORD_CALLBACK, { input: { id: s.id, reached: false } }))
          .recordCallback.id;
      },
      async changed(s) {
        return (await sql('select 1 from callback where id = ? and attempts = 1', [s.id])).length === 1;
      },
    }),
    cancelCallback: scenario({
      action: 'callback.cancel',
      table: 'callback',
      async setup() {
        // a move-in schedules its NEW_RESIDENT callback (schema/callbacks/callback-scheduler.ts)
        const resident = await moveInToday(await createUnit(`AUD-CC-${++n}-${Date.now().toString(36)}`), auditPhone());
        const [row] = await sql<{ id: string; version: number }>(
          'select id, version from callback where resident_id = ?',
          [resident.id],
        );
        return row;
      },
      fail: (s) => api(CANCEL_CALLBACK, { input: { id: s.id, version: s.version + 5, reason: 'stale' } }),
      async succeed(s) {
        return (
          await ok<{ cancelCallback: { id: string } }>(CANCEL_CALLBACK, {
            input: { id: s.id, version: s.version, reason: 'audit test' },
          })
        ).cancelCallback.id;
      },
      async changed(s) {
        return (await sql("select 1 from callback where id = ? and status = 'CANCELLED'", [s.id])).length === 1;
      },
    }),
  };

  it('every mutation of the schema but login is in the table of audited mutations', async () => {
    const mutations = Object.keys(
      buildSchema(await schemaSdl())
        .getMutationType()!
        .getFields(),
    );
    expect(mutations.length).toBeGreaterThan(1);
    const missing = mutations.filter((name) => !NOT_CHANGES.has(name) && !(name in MUTATIONS));
    expect(missing).toEqual([]); // add each to MUTATIONS, and make its service call AuditLog.record
    expect(mutations.filter((name) => /audit/i.test(name))).toEqual([]); // nothing edits the trail
  });

  describe.each(Object.keys(MUTATIONS))('%s', (name) => {
    it('a failed call writes no audit row; a successful one writes its row in the same transaction', async () => {
      const scenario = MUTATIONS[name];
      const s = await scenario.setup();

      const before = await auditCount();
      const failed = await scenario.fail(s);
      // refused by the API's own rules (not a crash): CONFLICT, NOT_FOUND, BAD_USER_INPUT, FORBIDDEN…
      expect(failed.errors?.[0]?.extensions?.code).toMatch(
        /^(CONFLICT|NOT_FOUND|BAD_USER_INPUT|FORBIDDEN|INVALID_TRANSITION|UNAUTHENTICATED)$/,
      );
      expect(await auditCount()).toBe(before);

      const id = await scenario.succeed(s);
      const rows = await sql<{ id: string; staff_id: string; entity_id: string; after: object; tx: string }>(
        'select id, staff_id, entity_id, after, xmin::text as tx from audit_entry where action = ? and entity_id = ?',
        [scenario.action, id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].staff_id).toBe(scenario.by ? await staffIdOf(scenario.by) : managerId);
      expect(rows[0].after).toMatchObject({ id });
      expect(await auditCount()).toBe(before + 1);
      const [entity] = await sql<{ tx: string }>(`select xmin::text as tx from ${scenario.table} where id = ?`, [id]);
      expect(entity.tx).toBe(rows[0].tx);
    });

    it('a change whose audit row cannot be written is not made', async () => {
      const scenario = MUTATIONS[name];
      const s = await scenario.setup();
      await sql(`create function audit_test_refuse() returns trigger language plpgsql as $$
                 begin raise exception 'audit_entry refused by the test'; end $$`);
      await sql(
        'create trigger audit_test_refuse before insert on audit_entry for each row execute function audit_test_refuse()',
      );
      try {
        await expect(scenario.succeed(s)).rejects.toThrow(/INTERNAL|Unexpected error/i);
      } finally {
        await sql('drop trigger audit_test_refuse on audit_entry');
        await sql('drop function audit_test_refuse()');
      }
      expect(await scenario.changed(s)).toBe(false);
      // and the same call goes through once the row can be written
      await scenario.succeed(s);
      expect(await scenario.changed(s)).toBe(true);
    });
  });

  it('records before and after of a re-provisioning, without the password hash', async () => {
    const equipmentId = await createEquipment(`AUD-RE-${++n}`);
    const deviceId = `aud-re-${n}-${Date.now().toString(36)}`;
    await ok(PROVISION, { e: equipmentId, d: deviceId });
    await ok(PROVISION, { e: equipmentId, d: deviceId });
    const [row] = await sql<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      "select before, after from audit_entry where action = 'device.reprovision' and after->>'deviceId' = ?",
      [deviceId],
    );
    expect(row.before).toMatchObject({ deviceId, equipment: equipmentId, version: 1 });
    expect(row.after).toMatchObject({ deviceId, equipment: equipmentId, version: 2 });
    expect(JSON.stringify(row)).not.toMatch(/passwordHash|\$7\$/);
  });

  it('audit rows cannot be updated, deleted or truncated, even with SQL', async () => {
    await createEquipment(`AUD-IMM-${++n}`);
    const [row] = await sql<{ id: string; action: string }>('select id, action from audit_entry limit 1');
    expect(row).toBeDefined();
    await expect(sql("update audit_entry set action = 'forged' where id = ?", [row.id])).rejects.toThrow(
      /audit entries cannot be changed or deleted/,
    );
    await expect(sql('delete from audit_entry where id = ?', [row.id])).rejects.toThrow(
      /audit entries cannot be changed or deleted/,
    );
    await expect(sql('truncate audit_entry')).rejects.toThrow(/audit entries cannot be changed or deleted/);
    expect(await sql('select id, action from audit_entry where id = ?', [row.id])).toEqual([row]);
  });

  it('managers read the trail, newest first and filtered; nobody else can', async () => {
    const equipmentId = await createEquipment(`AUD-READ-${++n}`);
    const query = `query($f: AuditFilter) { auditEntries(filter: $f, first: 10) {
      totalCount nodes { action entityType entityId at before after staff { username } } } }`;
    type Page = { auditEntries: { totalCount: number; nodes: Array<Record<string, unknown>> } };
    const mine = await api<Page>(query, { f: { entityType: 'Equipment', entityId: equipmentId } });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.auditEntries.totalCount).toBe(1);
    expect(mine.data!.auditEntries.nodes[0]).toMatchObject({
      action: 'equipment.create',
      entityId: equipmentId,
      before: null,
      after: expect.objectContaining({ id: equipmentId, code: `AUD-READ-${n}` }),
      staff: { username: 'manager' },
    });
    const all = await api<Page>(query, {});
    expect(all.data!.auditEntries.totalCount).toBeGreaterThan(1);
    const times = all.data!.auditEntries.nodes.map((node) => String(node.at));
    expect([...times].sort().reverse()).toEqual(times);

    for (const username of ['supervisor', 'operator', 'technician']) {
      const denied = await api<Page>(query, {}, await platform.login(username));
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(denied.data?.auditEntries).toBeFalsy();
    }
    const anonymous = await postGraphql(platform.graphqlUrl, query, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
