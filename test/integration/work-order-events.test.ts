/**
 * What a work order tells the desks live: `workOrderChanged` (service-desk contract, the operation
 * as written) for a move, an escalation and an alert that cleared before dispatch — only to
 * subscribers who may see its site. Real: the whole platform on the shared services (PostgreSQL
 * or PGlite, HTTP, graphql-ws, the outbox relay), the AlertService as the fault detector hands it
 * faults, the platform's EscalationJob. Faked: the platform's clock (PlatformOverrides.now), no
 * sensor (fault events are applied directly), starting states written by the work order factory.
 */
import type { FaultEvent } from '../../devices/faults/fault-types';
import { ALERT_CLEARED_NOTE } from '../../schema/desk/work-orders/work-order.service';
import { buildDevice } from '../factories/device.factory';
import { createWorkOrder, staffId } from '../factories/work-order.factory';
import { codeOf, newSite, newStaff } from '../support/core-operations';
import { WorkOrderChangedDocument, type WorkOrderChangedSubscription } from '../support/generated/graphql';
import { collect, postGraphql, wsClient, type Collector } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { signInAll, transitionOk, workOrderRow, type DemoAccount } from '../support/work-order-desk';

jest.setTimeout(60_000);

const MIN = 60_000;

describe('work order events', () => {
  let platform: TestPlatform;
  let tokens: Record<DemoAccount, string>;
  let technicianId: string;
  let s2Code: string;
  let clock = Date.now();
  let hgStream: Collector<WorkOrderChangedSubscription>;
  let s2Stream: Collector<WorkOrderChangedSubscription>;
  let closeWs: () => Promise<void>;

  beforeAll(async () => {
    platform = await startTestPlatform({}, { overrides: { now: () => new Date(clock) } });
    tokens = await signInAll(platform);
    technicianId = await staffId(platform.orm, 'technician');
    s2Code = `EV${Date.now().toString(36).slice(-4)}`.toUpperCase();
    const s2 = await newSite(platform.graphqlUrl, tokens.manager, s2Code);
    const s2Supervisor = await newStaff(platform.graphqlUrl, tokens.manager, {
      role: 'SUPERVISOR',
      siteIds: [s2.siteId],
    });
    const hgWs = wsClient(platform.graphqlUrl, tokens.supervisor);
    const s2Ws = wsClient(platform.graphqlUrl, s2Supervisor.token);
    closeWs = async () => {
      await hgWs.dispose();
      await s2Ws.dispose();
    };
    hgStream = collect(hgWs, WorkOrderChangedDocument);
    s2Stream = collect(s2Ws, WorkOrderChangedDocument);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscriptions are registered
  });
  afterAll(async () => {
    await closeWs?.();
    await platform?.stop();
  });

  /** the events of `stream` about `id`, once every outbox event so far is published */
  const eventsOf = async (stream: Collector<WorkOrderChangedSubscription>, id: string) => {
    await platform.settle();
    return stream.events.filter((e) => e.workOrderChanged.id === id).map((e) => e.workOrderChanged);
  };

  it('a move reaches the subscribers of its site, with what the contract selects — not another site’s', async () => {
    const hgBefore = hgStream.events.length;
    const s2Before = s2Stream.events.length;
    const hg = await createWorkOrder(platform.orm, { openedAt: new Date(clock) });
    const moved = await transitionOk(platform, tokens.operator, {
      id: hg.id,
      version: hg.version,
      to: 'DISPATCHED',
      assigneeId: technicianId,
    });
    await hgStream.next(hgBefore + 1);
    expect(hgStream.events[hgBefore].workOrderChanged).toEqual({
      id: hg.id,
      number: hg.number,
      status: 'DISPATCHED',
      version: moved.version,
      overdue: false,
      escalationLevel: 0,
      assignee: { id: technicianId, username: 'technician' },
    });
    // then a move on the other site: its supervisor gets that one, and never had the first
    const s2 = await createWorkOrder(platform.orm, { openedAt: new Date(clock), siteCode: s2Code });
    await transitionOk(platform, tokens.manager, { id: s2.id, version: s2.version, to: 'CANCELLED', note: 'dup' });
    const s2Events = await s2Stream.next(s2Before + 1);
    expect(s2Events.slice(s2Before).map((e) => e.workOrderChanged.id)).toEqual([s2.id]);
    expect(await eventsOf(s2Stream, hg.id)).toEqual([]);
    expect(await eventsOf(hgStream, s2.id)).toEqual([]);
  });

  it('an escalation publishes workOrderChanged with its level, and the supervisor is notified', async () => {
    const wo = await createWorkOrder(platform.orm, { openedAt: new Date(clock), respondMinutes: 30 });
    const before = hgStream.events.length;
    clock += 31 * MIN;
    const escalated = await platform.services.escalation.runOnce(new Date(clock));
    expect(escalated[1]).toContain(wo.id);
    await hgStream.next(before + 1);
    expect(await eventsOf(hgStream, wo.id)).toEqual([
      expect.objectContaining({
        id: wo.id,
        status: 'OPEN',
        escalationLevel: 1,
        overdue: true,
        version: wo.version + 1,
      }),
    ]);
    const told = await postGraphql<
      { notifications: { nodes: Array<{ kind: string; workOrder: { id: string } }> } },
      object
    >(
      platform.graphqlUrl,
      'query { notifications(first: 50) { nodes { kind workOrder { id number title } } } }',
      {},
      tokens.supervisor,
    );
    expect(told.errors).toBeUndefined();
    expect(told.data!.notifications.nodes).toContainEqual({
      kind: 'RESPONSE_OVERDUE',
      workOrder: expect.objectContaining({ id: wo.id }),
    });
    // the manager is told only at level 2; an operator's role is told nothing
    const operators = await postGraphql<{ notifications: { totalCount: number } }, object>(
      platform.graphqlUrl,
      'query { notifications { totalCount } }',
      {},
      tokens.operator,
    );
    expect(codeOf(operators)).toBeUndefined();
    expect(operators.data!.notifications.totalCount).toBe(0);
  });

  const fault = (
    type: 'raise' | 'clear',
    device: { equipmentId: string; deviceId: string },
    at = clock,
  ): FaultEvent => ({
    type,
    faultCode: 'WATER_LEAK',
    severity: 'critical',
    equipmentId: device.equipmentId,
    deviceId: device.deviceId,
    at,
    value: type === 'raise' ? 1 : 0,
    metric: 'leak',
    message: `leak ${type}`,
  });
  const workOrderOf = async (equipmentId: string) => {
    const [row] = await platform.orm.em
      .fork()
      .execute<Array<{ id: string; version: number }>>(
        'select w.id, w.version from work_order w join alert a on a.id = w.alert_id where a.equipment_id = ?',
        [equipmentId],
      );
    return row;
  };

  it('an alert that clears before anyone is dispatched: the work order says so, stays OPEN, and tells the desk', async () => {
    const device = await buildDevice(platform.graphqlUrl, tokens.supervisor, { system: 'WATER' });
    await platform.services.alerts.apply([fault('raise', device)]);
    const wo = await workOrderOf(device.equipmentId);
    const before = await workOrderRow(platform, wo.id);
    expect(before.history).toBe(1); // the opening line
    // the clear's reading time is a minute older than the platform's clock at the opening (a
    // buffered batch): alertClearedAt says when it cleared, the note still follows the opening line
    const clearedAt = clock - MIN;
    await platform.services.alerts.apply([fault('clear', device, clearedAt)]);
    const after = await workOrderRow(platform, wo.id);
    expect(after).toMatchObject({ status: 'OPEN', version: before.version + 1, history: 2 });
    expect(after.alert_cleared_at?.getTime()).toBe(clearedAt);
    const history = await postGraphql<
      {
        workOrder: {
          alertClearedAt: string;
          history: Array<{ from: string | null; to: string; note: string; by: null }>;
        };
      },
      object
    >(
      platform.graphqlUrl,
      'query($id: ID!) { workOrder(id: $id) { alertClearedAt history { from to note by { username } } } }',
      { id: wo.id },
      tokens.supervisor,
    );
    expect(history.data!.workOrder.alertClearedAt).toBe(new Date(clearedAt).toISOString());
    expect(history.data!.workOrder.history).toEqual([
      { from: null, to: 'OPEN', note: 'opened by alert WATER_LEAK', by: null },
      { from: 'OPEN', to: 'OPEN', note: ALERT_CLEARED_NOTE, by: null },
    ]);
    expect(await eventsOf(hgStream, wo.id)).toEqual([
      expect.objectContaining({ status: 'OPEN', version: after.version }),
    ]);
  });

  it('an alert that clears after dispatch leaves its work order alone', async () => {
    const device = await buildDevice(platform.graphqlUrl, tokens.supervisor, { system: 'WATER' });
    await platform.services.alerts.apply([fault('raise', device)]);
    const wo = await workOrderOf(device.equipmentId);
    await transitionOk(platform, tokens.operator, {
      id: wo.id,
      version: wo.version,
      to: 'DISPATCHED',
      assigneeId: technicianId,
    });
    const before = await workOrderRow(platform, wo.id);
    await platform.services.alerts.apply([fault('clear', device)]);
    const after = await workOrderRow(platform, wo.id);
    expect(after).toEqual(before);
    expect(after.alert_cleared_at).toBeNull();
    expect(await eventsOf(hgStream, wo.id)).toHaveLength(1); // the dispatch only
  });
});
