/**
 * The one flow that matters most, end to end. Real: PostgreSQL (15 or PGlite), InfluxDB,
 * the MQTT broker (aedes or mosquitto), HTTP and graphql-ws. Nothing faked.
 */
import type { MqttClient } from 'mqtt';
import { countPoints } from '../../devices/telemetry/telemetry-query';
import { buildDevice, type ProvisionedTestDevice } from '../factories/device.factory';
import { connectDevice, waitFor } from '../support/device-client';
import {
  AcknowledgeAlertDocument,
  AlertDetailDocument,
  type AlertChangedSubscription,
  type AlertRaisedSubscription,
  type WorkOrderOpenedSubscription,
  AlertChangedDocument,
  AlertRaisedDocument,
  WorkOrderOpenedDocument,
} from '../support/generated/graphql';
import { collect, gql, wsClient, type Collector } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('a sensor fault becomes an alert and a work order on the desk', () => {
  let platform: TestPlatform;
  let token: string;
  let device: ProvisionedTestDevice;
  let sensor: MqttClient;
  let raised: Collector<AlertRaisedSubscription>;
  let changed: Collector<AlertChangedSubscription>;
  let opened: Collector<WorkOrderOpenedSubscription>;
  let closeWs: () => Promise<void>;
  const t0 = Date.now() - 120_000;

  beforeAll(async () => {
    platform = await startTestPlatform();
    token = await platform.login('supervisor');
    device = await buildDevice(platform.graphqlUrl, token, { system: 'WATER' });
    const ws = wsClient(platform.graphqlUrl, await platform.login('operator'));
    closeWs = () => ws.dispose() as Promise<void>;
    raised = collect(ws, AlertRaisedDocument);
    changed = collect(ws, AlertChangedDocument);
    opened = collect(ws, WorkOrderOpenedDocument);
    sensor = await connectDevice(platform.mqttUrl, device.deviceId, device.password);
  });

  afterAll(async () => {
    await sensor?.endAsync();
    await closeWs?.();
    await platform?.stop();
  });

  const publish = (readings: object | object[]) =>
    sensor.publishAsync(device.telemetryTopic, JSON.stringify(readings), { qos: 1 });

  it('stores a buffered batch in InfluxDB and raises WATER_PRESSURE_LOW only after 60 s of reading time', async () => {
    // 0 s and 30 s below 100 kPa: not yet; the 61 s reading completes the on-delay.
    await publish([
      { ts: t0, seq: 1, values: { pressure_kpa: 92, flow_m3h: 3.1 } },
      { ts: t0 + 30_000, seq: 2, values: { pressure_kpa: 88, flow_m3h: 3.0 } },
    ]);
    await platform.settle();
    await waitFor('2 points', async () => (await countPoints(platform.influx, device.equipmentId)) === 2);
    expect(raised.events).toHaveLength(0);

    const sent = Date.now();
    await publish({ ts: t0 + 61_000, seq: 3, values: { pressure_kpa: 85, flow_m3h: 2.9 } });
    const [event] = await raised.next(1);
    const latencyMs = Date.now() - sent;
    process.stdout.write(`fault publish → alertRaised at subscriber: ${latencyMs} ms\n`);

    expect(event.alertRaised).toMatchObject({
      faultCode: 'WATER_PRESSURE_LOW',
      severity: 'MAJOR',
      status: 'ACTIVE_UNACK',
      equipment: { id: device.equipmentId, code: device.equipmentCode },
    });
    expect(event.alertRaised.workOrder?.number).toMatch(/^WO-\d{8}-\d{6}$/);
    const [workOrderEvent] = await opened.next(1);
    expect(workOrderEvent.workOrderOpened).toMatchObject({
      id: event.alertRaised.workOrder!.id,
      status: 'OPEN',
      source: 'ALERT',
      alert: { id: event.alertRaised.id, faultCode: 'WATER_PRESSURE_LOW' },
    });
    await waitFor('3 points', async () => (await countPoints(platform.influx, device.equipmentId)) === 3);
  });

  it('opened exactly one work order from the emergency plan, with its steps, department and due time', async () => {
    const alertId = raised.events[0].alertRaised.id;
    const { alert } = await gql(platform.graphqlUrl, AlertDetailDocument, { id: alertId }, token);
    expect(alert.occurrences).toBe(1);
    expect(alert.metric).toBe('pressure_kpa');
    expect(alert.lastValue).toBe(85);
    expect(new Date(alert.raisedAt).getTime()).toBe(t0 + 61_000);
    const workOrder = alert.workOrder!;
    expect(workOrder).toMatchObject({ status: 'OPEN', source: 'ALERT', department: 'ENGINEERING', priority: 'HIGH' });
    expect(workOrder.emergencyPlan).toMatchObject({ faultCode: 'WATER_PRESSURE_LOW', responseMinutes: 30 });
    expect(workOrder.steps.map((s) => s.position)).toEqual([1, 2, 3, 4]);
    expect(workOrder.steps[0].text).toMatch(/standby pump/);
    expect(workOrder.steps.every((s) => !s.done)).toBe(true);
    const dueInMin = (new Date(workOrder.dueAt).getTime() - Date.now()) / 60_000;
    expect(dueInMin).toBeGreaterThan(28);
    expect(dueInMin).toBeLessThanOrEqual(30);
  });

  it('does not duplicate on repeats: redelivery overwrites the point, a still-low reading raises nothing new', async () => {
    await publish({ ts: t0 + 61_000, seq: 3, values: { pressure_kpa: 85, flow_m3h: 2.9 } }); // redelivered
    await publish({ ts: t0 + 90_000, seq: 4, values: { pressure_kpa: 80 } });
    await waitFor('4 points', async () => (await countPoints(platform.influx, device.equipmentId)) === 4);
    await platform.settle();
    expect(raised.events).toHaveLength(1);
    expect(opened.events).toHaveLength(1);
    const rows = await platform.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as alerts, (select count(*)::int from work_order) as work_orders from alert');
    expect(rows[0]).toEqual({ alerts: 1, work_orders: 1 });
  });

  it('a raise delivered twice to the database (e.g. two ingest workers) counts an occurrence, never a second episode', async () => {
    const event = {
      type: 'raise' as const,
      faultCode: 'WATER_PRESSURE_LOW',
      severity: 'major' as const,
      equipmentId: device.equipmentId,
      deviceId: device.deviceId,
      at: t0 + 95_000,
      value: 79,
      metric: 'pressure_kpa',
      message: 'pressure_kpa 79 < 100',
    };
    await Promise.all([platform.services.alerts.apply([event]), platform.services.alerts.apply([event])]);
    await platform.settle();
    const alertId = raised.events[0].alertRaised.id;
    const { alert } = await gql(platform.graphqlUrl, AlertDetailDocument, { id: alertId }, token);
    expect(alert.occurrences).toBe(3);
    const [{ count }] = await platform.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as count from work_order');
    expect(count).toBe(1);
    await changed.next(2);
  });

  it('clears at the deadband (≥ 110 kPa), then an acknowledgement records who and when', async () => {
    const before = changed.events.length;
    await publish({ ts: t0 + 100_000, seq: 5, values: { pressure_kpa: 105 } }); // above 100 but inside the deadband
    await publish({ ts: t0 + 110_000, seq: 6, values: { pressure_kpa: 112 } });
    const events = await changed.next(before + 1);
    const cleared = events[before].alertChanged;
    expect(cleared.status).toBe('CLEARED_UNACK');
    expect(new Date(cleared.clearedAt!).getTime()).toBe(t0 + 110_000);

    const operatorToken = await platform.login('operator');
    const { acknowledgeAlert } = await gql(
      platform.graphqlUrl,
      AcknowledgeAlertDocument,
      { id: cleared.id, note: 'standby pump started' },
      operatorToken,
    );
    expect(acknowledgeAlert.status).toBe('CLEARED');
    expect(acknowledgeAlert.acknowledgedBy?.name).toMatch(/Zhao Lei/);
    const acked = (await changed.next(before + 2))[before + 1].alertChanged;
    expect(acked).toMatchObject({ id: cleared.id, status: 'CLEARED' });
    expect(acked.acknowledgedAt).not.toBeNull();
  });

  it('counts it all in /metrics (Prometheus text)', async () => {
    const response = await fetch(`${platform.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^fd_alerts_raised_total 1$/m);
    expect(text).toMatch(/^fd_events_published_total\{topic="WORK_ORDER_OPENED"\} 1$/m);
    expect(text).toMatch(/^fd_ws_clients 1$/m);
    expect(text).toMatch(/^fd_ingest_messages_total\{kind="telemetry"\} \d+$/m);
    expect(text).toMatch(/^fd_telemetry_spool_points 0$/m);
    expect(text).toMatch(/^fd_alert_queue_events 0$/m);
    expect(text).toMatch(/^fd_graphql_request_duration_seconds_count\{operation_type="query"\} \d+$/m);
  });
});
