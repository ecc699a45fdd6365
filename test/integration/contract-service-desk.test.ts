/**
 * Every operation of the service-desk contract (test/contract-service-desk.graphql, a verbatim
 * copy of the shared service-desk.graphql) validates against the schema and runs as written,
 * with the roles and error codes its comments give — one resident's repair from the call to the
 * closed work order. Real: the whole platform on the shared services, over HTTP and graphql-ws.
 * Faked: nothing. The test makes its own site, building and accounts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, validate } from 'graphql';
import type { Client } from 'graphql-ws';
import { collect, postGraphql, wsClient, type Collector } from '../support/graphql-client';
import { codeOf, newSite, newStaff, run, type NewStaff } from '../support/core-operations';
import { serviceDeskContract } from '../support/service-desk-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const contract = serviceDeskContract;
const op = contract.op;

interface WorkOrderMove {
  id: string;
  status: string;
  version: number;
  assignee: { id: string; username: string } | null;
  respondedAt: string | null;
  resolvedAt: string | null;
  history: Array<{ at: string; from: string | null; to: string; by: { username: string } | null; note: string | null }>;
}

interface WorkOrderChange {
  workOrderChanged: { id: string; status: string; version: number; escalationLevel: number };
}

describe('the service-desk contract operations, exactly as written', () => {
  let platform: TestPlatform;
  let url: string;
  let manager: string;
  let site: { siteId: string; buildingId: string };
  let technician: NewStaff;
  let otherTechnician: NewStaff;
  let supervisor: NewStaff;
  let operator: NewStaff;
  let ws: Client;
  let changes: Collector<WorkOrderChange>;

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    manager = await platform.login('manager');
    site = await newSite(url, manager, 'SDC');
    technician = await newStaff(url, manager, { role: 'TECHNICIAN', siteIds: [site.siteId] });
    otherTechnician = await newStaff(url, manager, { role: 'TECHNICIAN', siteIds: [site.siteId] });
    supervisor = await newStaff(url, manager, { role: 'SUPERVISOR', siteIds: [site.siteId] });
    operator = await newStaff(url, manager, { role: 'HOTLINE_OPERATOR', siteIds: [site.siteId] });
    ws = wsClient(url, supervisor.token);
    changes = collect(ws, op('WorkOrderChanged'));
  });
  afterAll(async () => {
    await ws?.dispose();
    await platform?.stop();
  });

  const createUnit = (code: string, floor: number) =>
    run<{ createUnit: { id: string; code: string; floor: number; use: string; building: { id: string } } }>(
      url,
      op('CreateUnit'),
      { input: { buildingId: site.buildingId, code, floor } },
      manager,
    );

  it('all validate against schema/schema.graphql', () => {
    const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));
    expect([...contract.names].sort()).toEqual(
      [
        'CreateServiceRequest',
        'CreateUnit',
        'EndCall',
        'MoveOut',
        'MyWorkOrders',
        'RegisterResident',
        'Residents',
        'SetSlaPolicy',
        'StartCall',
        'TransitionWorkOrder',
        'Units',
        'WorkOrderChanged',
      ].sort(),
    );
    expect(validate(schema, contract.document).map((e) => e.message)).toEqual([]);
  });

  it('CreateUnit (RESIDENTIAL by default; a code twice in a building is CONFLICT) and Units paged with after', async () => {
    const first = await createUnit('C-101', 1);
    expect(first.createUnit).toEqual({
      id: expect.any(String),
      code: 'C-101',
      floor: 1,
      use: 'RESIDENTIAL',
      building: { id: site.buildingId, code: 'B1' },
    });
    await createUnit('C-102', 1);
    await createUnit('C-201', 2);
    const again = await postGraphql(
      url,
      op('CreateUnit'),
      { input: { buildingId: site.buildingId, code: 'C-101', floor: 1 } },
      manager,
    );
    expect(codeOf(again)).toBe('CONFLICT');

    type Units = {
      units: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{ code: string; residents: unknown[] }>;
      };
    };
    const page1 = await run<Units>(url, op('Units'), { buildingId: site.buildingId, first: 2 }, manager);
    expect(page1.units.totalCount).toBe(3);
    expect(page1.units.nodes).toHaveLength(2);
    expect(page1.units.pageInfo.hasNextPage).toBe(true);
    const page2 = await run<Units>(
      url,
      op('Units'),
      { buildingId: site.buildingId, first: 2, after: page1.units.pageInfo.endCursor },
      manager,
    );
    expect(page2.units.pageInfo.hasNextPage).toBe(false);
    const codes = [...page1.units.nodes, ...page2.units.nodes].map((u) => u.code).sort();
    expect(codes).toEqual(['C-101', 'C-102', 'C-201']);
  });

  it('RegisterResident: the same phone again adds an occupancy; MoveOut keeps the history; Residents finds by name, 4 digits and unit code', async () => {
    const a = await createUnit('R-301', 3);
    const b = await createUnit('R-302', 3);
    type Registered = {
      registerResident: {
        id: string;
        name: string;
        phone: string;
        occupancies: Array<{ unit: { id: string }; until: string | null }>;
      };
    };
    const one = await run<Registered>(
      url,
      op('RegisterResident'),
      {
        input: {
          name: '王秀英',
          phone: '13912345678',
          unitId: a.createUnit.id,
          relation: 'OWNER',
          since: '2024-03-01',
        },
      },
      manager,
    );
    const two = await run<Registered>(
      url,
      op('RegisterResident'),
      { input: { name: '王秀英', phone: '13912345678', unitId: b.createUnit.id, relation: 'TENANT' } },
      manager,
    );
    expect(two.registerResident.id).toBe(one.registerResident.id);
    expect(two.registerResident.occupancies.map((o) => o.unit.id).sort()).toEqual(
      [a.createUnit.id, b.createUnit.id].sort(),
    );

    const moved = await run<{
      moveOut: { id: string; occupancies: Array<{ unit: { id: string }; until: string | null }> };
    }>(url, op('MoveOut'), { residentId: one.registerResident.id, unitId: a.createUnit.id, on: '2026-10-31' }, manager);
    expect(moved.moveOut.occupancies).toEqual(
      expect.arrayContaining([
        { unit: { id: a.createUnit.id }, until: '2026-10-31' },
        { unit: { id: b.createUnit.id }, until: null },
      ]),
    );

    type Found = { residents: { totalCount: number; nodes: Array<{ id: string; phone: string }> } };
    for (const search of ['秀英', '5678', '2345', 'R-302', 'r-301']) {
      const found = await run<Found>(url, op('Residents'), { search, first: 20 }, manager);
      expect({ search, ids: found.residents.nodes.map((r) => r.id) }).toEqual({
        search,
        ids: expect.arrayContaining([one.registerResident.id]),
      });
    }
    const none = await run<Found>(url, op('Residents'), { search: '00000000', first: 20 }, manager);
    expect(none.residents.totalCount).toBe(0);
  });

  it('StartCall matches the caller by phone, as the calling operator; EndCall gives the duration', async () => {
    const unit = await createUnit('S-401', 4);
    const resident = await run<{ registerResident: { id: string } }>(
      url,
      op('RegisterResident'),
      { input: { name: '李建国', phone: '13800004401', unitId: unit.createUnit.id, relation: 'OWNER' } },
      manager,
    );
    const call = await run<{
      startCall: {
        id: string;
        startedAt: string;
        operator: { username: string };
        matchedResidents: Array<{ id: string }>;
      };
    }>(
      url,
      op('StartCall'),
      { input: { phone: '13800004401', channel: 'PHONE', recordingRef: 'rec-4401.wav' } },
      operator.token,
    );
    expect(call.startCall.operator.username).toBe(operator.username);
    expect(call.startCall.matchedResidents).toEqual([{ id: resident.registerResident.id, name: '李建国' }]);
    const ended = await run<{ endCall: { id: string; endedAt: string; durationS: number } }>(
      url,
      op('EndCall'),
      { id: call.startCall.id, summary: 'asked about the water outage' },
      operator.token,
    );
    expect(ended.endCall.id).toBe(call.startCall.id);
    expect(new Date(ended.endCall.endedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(call.startCall.startedAt).getTime(),
    );
    expect(ended.endCall.durationS).toBeGreaterThanOrEqual(0);
  });

  it('CreateServiceRequest: an answered inquiry and a suggestion close at once; a repair opens a work order with the SLA set by SetSlaPolicy', async () => {
    type Created = {
      createServiceRequest: {
        id: string;
        number: string;
        category: string;
        status: string;
        workOrder: {
          id: string;
          status: string;
          priority: string;
          respondBy: string;
          resolveBy: string;
          version: number;
        } | null;
      };
    };
    const inquiry = await run<Created>(
      url,
      op('CreateServiceRequest'),
      { input: { category: 'INQUIRY', description: 'When is the water back?', answer: 'At 18:00 today' } },
      operator.token,
    );
    expect(inquiry.createServiceRequest).toMatchObject({ category: 'INQUIRY', status: 'CLOSED', workOrder: null });
    const suggestion = await run<Created>(
      url,
      op('CreateServiceRequest'),
      { input: { category: 'SUGGESTION', description: 'More benches by the pond' } },
      operator.token,
    );
    expect(suggestion.createServiceRequest).toMatchObject({ status: 'CLOSED', workOrder: null });

    const policy = await run<{ setSlaPolicy: object }>(
      url,
      op('SetSlaPolicy'),
      { input: { category: 'REPAIR', priority: 'HIGH', respondMinutes: 20, resolveMinutes: 300 } },
      supervisor.token,
    );
    expect(policy.setSlaPolicy).toEqual({
      category: 'REPAIR',
      priority: 'HIGH',
      respondMinutes: 20,
      resolveMinutes: 300,
    });
    const denied = await postGraphql(
      url,
      op('SetSlaPolicy'),
      { input: { category: 'REPAIR', priority: 'HIGH', respondMinutes: 1, resolveMinutes: 2 } },
      operator.token,
    );
    expect(codeOf(denied)).toBe('FORBIDDEN');

    const unit = await createUnit('W-501', 5);
    const before = Date.now();
    const repair = await run<Created>(
      url,
      op('CreateServiceRequest'),
      {
        input: { category: 'REPAIR', description: 'Kitchen tap leaking', unitId: unit.createUnit.id, priority: 'HIGH' },
      },
      operator.token,
    );
    const after = Date.now();
    const workOrder = repair.createServiceRequest.workOrder!;
    expect(repair.createServiceRequest).toMatchObject({ category: 'REPAIR', status: 'OPEN' });
    expect(repair.createServiceRequest.number).toMatch(/^SR-\d{8}-\d{6}$/);
    expect(workOrder).toMatchObject({ status: 'OPEN', priority: 'HIGH', department: 'ENGINEERING' });
    const respondBy = new Date(workOrder.respondBy).getTime();
    const resolveBy = new Date(workOrder.resolveBy).getTime();
    expect(respondBy).toBeGreaterThanOrEqual(before + 20 * 60_000 - 1000);
    expect(respondBy).toBeLessThanOrEqual(after + 20 * 60_000 + 1000);
    expect(resolveBy - respondBy).toBe(280 * 60_000);
  });

  it('TransitionWorkOrder takes a repair through its whole life with history; CONFLICT, INVALID_TRANSITION and FORBIDDEN change nothing; MyWorkOrders and WorkOrderChanged follow', async () => {
    const unit = await createUnit('T-601', 6);
    const created = await run<{ createServiceRequest: { workOrder: { id: string; version: number } } }>(
      url,
      op('CreateServiceRequest'),
      { input: { category: 'REPAIR', description: 'No heating in the bedroom', unitId: unit.createUnit.id } },
      operator.token,
    );
    const id = created.createServiceRequest.workOrder.id;
    let version = created.createServiceRequest.workOrder.version;
    const move = (token: string, to: string, extra: object = {}, at = version) =>
      postGraphql<{ transitionWorkOrder: WorkOrderMove }, object>(
        url,
        op('TransitionWorkOrder'),
        { input: { id, version: at, to, ...extra } },
        token,
      );
    const moved = async (token: string, to: string, extra: object = {}): Promise<WorkOrderMove> => {
      const result = await move(token, to, extra);
      if (!result.data) throw new Error(`${to}: ${JSON.stringify(result.errors)}`);
      version = result.data.transitionWorkOrder.version;
      return result.data.transitionWorkOrder;
    };

    expect(codeOf(await move(operator.token, 'IN_PROGRESS'))).toBe('INVALID_TRANSITION');
    expect(codeOf(await move(operator.token, 'DISPATCHED'))).toBe('BAD_USER_INPUT'); // no assignee
    const dispatched = await moved(operator.token, 'DISPATCHED', { assigneeId: technician.id, note: 'flat 601' });
    expect(dispatched).toMatchObject({
      status: 'DISPATCHED',
      assignee: { id: technician.id, username: technician.username },
    });
    expect(codeOf(await move(operator.token, 'CANCELLED', {}, version - 1))).toBe('CONFLICT');
    expect(codeOf(await move(otherTechnician.token, 'IN_PROGRESS'))).toBe('FORBIDDEN');

    const mine = await run<{
      workOrders: { totalCount: number; nodes: Array<{ id: string; status: string; overdue: boolean }> };
    }>(url, op('MyWorkOrders'), {}, technician.token);
    expect(mine.workOrders.nodes).toEqual([expect.objectContaining({ id, status: 'DISPATCHED', overdue: false })]);
    const notMine = await run<{ workOrders: { totalCount: number } }>(
      url,
      op('MyWorkOrders'),
      {},
      otherTechnician.token,
    );
    expect(notMine.workOrders.totalCount).toBe(0);

    const started = await moved(technician.token, 'IN_PROGRESS');
    expect(started.respondedAt).not.toBeNull();
    await moved(technician.token, 'ON_HOLD', { note: 'waiting for a valve' });
    await moved(technician.token, 'IN_PROGRESS');
    const resolved = await moved(technician.token, 'RESOLVED', { note: 'valve replaced' });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(codeOf(await move(technician.token, 'VERIFIED'))).toBe('FORBIDDEN');
    await moved(supervisor.token, 'VERIFIED');
    const closed = await moved(supervisor.token, 'CLOSED', { note: 'resident satisfied' });
    expect(closed.status).toBe('CLOSED');
    expect(closed.history.map((h) => [h.from, h.to, h.by?.username ?? null])).toEqual([
      [null, 'OPEN', operator.username],
      ['OPEN', 'DISPATCHED', operator.username],
      ['DISPATCHED', 'IN_PROGRESS', technician.username],
      ['IN_PROGRESS', 'ON_HOLD', technician.username],
      ['ON_HOLD', 'IN_PROGRESS', technician.username],
      ['IN_PROGRESS', 'RESOLVED', technician.username],
      ['RESOLVED', 'VERIFIED', supervisor.username],
      ['VERIFIED', 'CLOSED', supervisor.username],
    ]);
    expect(closed.history.find((h) => h.to === 'RESOLVED')?.note).toBe('valve replaced');
    expect(codeOf(await move(supervisor.token, 'IN_PROGRESS'))).toBe('INVALID_TRANSITION');

    // the supervisor's subscription saw every move of this work order, in order
    const ofThisWorkOrder = () => changes.events.map((e) => e.workOrderChanged).filter((w) => w.id === id);
    while (ofThisWorkOrder().length < 7) await changes.next(changes.events.length + 1);
    const ofThis = ofThisWorkOrder();
    expect(ofThis.map((w) => w.status)).toEqual([
      'DISPATCHED',
      'IN_PROGRESS',
      'ON_HOLD',
      'IN_PROGRESS',
      'RESOLVED',
      'VERIFIED',
      'CLOSED',
    ]);
    expect(ofThis.at(-1)).toMatchObject({ version, escalationLevel: 0 });
  });
});
