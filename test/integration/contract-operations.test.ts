/**
 * Every operation of the user contract (test/contract-operations.graphql, a verbatim copy of
 * the shared contract's test/contract-operations.graphql) validates against the schema and runs as written.
 * Real: the whole platform on the shared services, devices over MQTT, subscriptions over
 * graphql-ws. Faked: nothing. Each test builds what it uses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { buildDevice } from '../factories/device.factory';
import { connectDevice } from '../support/device-client';
import { collect, postGraphql, wsClient } from '../support/graphql-client';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const contract = parse(readFileSync(path.resolve(__dirname, '../contract-operations.graphql'), 'utf8'));
const operations = new Map(
  contract.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    .map((op) => [op.name!.value, print(op)]),
);
const op = (name: string) => {
  const text = operations.get(name);
  if (!text) throw new Error(`contract operation ${name} is missing`);
  return text;
};

describe('the contract operations, exactly as written', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform?.stop());

  it('all validate against schema/schema.graphql', () => {
    const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));
    expect(operations.size).toBe(11);
    expect(validate(schema, contract).map((e) => e.message)).toEqual([]);
  });

  it('run end to end: Login … Telemetry over HTTP, the three subscriptions over graphql-ws', async () => {
    const login = await postGraphql<{ login: { token: string; staff: { role: string } } }, object>(
      platform.graphqlUrl,
      op('Login'),
      { username: 'affairs', password: platform.config.demoPassword },
    );
    expect(login.data?.login.staff.role).toBe('AFFAIRS_OFFICER');
    const token = login.data!.login.token;

    const buildings = await postGraphql<{ buildings: Array<{ id: string; site: { code: string } }> }, object>(
      platform.graphqlUrl,
      op('Buildings'),
      {},
      token,
    );
    expect(buildings.data?.buildings).toHaveLength(2);
    expect(buildings.data?.buildings[0].site.code).toBe('HG');

    const created = await postGraphql<{ createEquipment: { id: string; system: string } }, object>(
      platform.graphqlUrl,
      op('CreateEquipment'),
      {
        input: {
          buildingId: buildings.data!.buildings[0].id,
          code: 'EL-99',
          name: 'Sub board',
          system: 'ELECTRIC',
          kind: 'board',
          ratedCurrentA: 100,
        },
      },
      token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createEquipment.system).toBe('ELECTRIC');

    const provisioned = await postGraphql<
      { provisionDevice: { username: string; password: string; device: { telemetryTopic: string } } },
      object
    >(
      platform.graphqlUrl,
      op('ProvisionDevice'),
      { equipmentId: created.data!.createEquipment.id, deviceId: 'el-99-meter' },
      token,
    );
    expect(provisioned.data?.provisionDevice.device.telemetryTopic).toBe('fd/v1/HG/B1/electric/el-99-meter/telemetry');

    const ws = wsClient(platform.graphqlUrl, token);
    const raised = collect<{ alertRaised: { id: string } }>(ws, op('AlertRaised'));
    const changed = collect<{ alertChanged: { status: string } }>(ws, op('AlertChanged'));
    const opened = collect<{ workOrderOpened: { id: string } }>(ws, op('WorkOrderOpened'));
    const { username, password } = provisioned.data!.provisionDevice;
    const meter = await connectDevice(platform.mqttUrl, username, password);
    const at = Date.now() - 10_000;
    // a phase at 0 V for 5 s of reading time: POWER_PHASE_LOSS (critical)
    await meter.publishAsync(
      provisioned.data!.provisionDevice.device.telemetryTopic,
      JSON.stringify([
        { ts: at, values: { voltage_l1_v: 221, voltage_l2_v: 0, voltage_l3_v: 220 } },
        { ts: at + 5_000, values: { voltage_l1_v: 221, voltage_l2_v: 0, voltage_l3_v: 220 } },
      ]),
      { qos: 1 },
    );
    const [{ alertRaised }] = await raised.next(1);
    const [{ workOrderOpened }] = await opened.next(1);

    const active = await postGraphql<
      {
        alerts: {
          totalCount: number;
          nodes: Array<{ faultCode: string; workOrder: { emergencyPlan: { faultCode: string } } }>;
        };
      },
      object
    >(platform.graphqlUrl, op('ActiveAlerts'), {}, token);
    expect(active.data?.alerts.totalCount).toBe(1);
    expect(active.data?.alerts.nodes[0]).toMatchObject({
      faultCode: 'POWER_PHASE_LOSS',
      workOrder: { emergencyPlan: { faultCode: 'POWER_PHASE_LOSS' } },
    });

    const ack = await postGraphql<{ acknowledgeAlert: { status: string } }, object>(
      platform.graphqlUrl,
      op('AcknowledgeAlert'),
      { id: alertRaised.id, note: null },
      token,
    );
    expect(ack.data?.acknowledgeAlert.status).toBe('ACTIVE_ACK');
    expect((await changed.next(1))[0].alertChanged.status).toBe('ACTIVE_ACK');

    const wo = await postGraphql<
      { workOrder: { steps: unknown[]; alert: { id: string }; equipment: { code: string } } },
      object
    >(platform.graphqlUrl, op('WorkOrder'), { id: workOrderOpened.id }, token);
    expect(wo.data?.workOrder.alert.id).toBe(alertRaised.id);
    expect(wo.data?.workOrder.equipment.code).toBe('EL-99');
    expect(wo.data?.workOrder.steps.length).toBeGreaterThan(2);

    await platform.settle();
    const telemetry = await postGraphql<{ telemetry: Array<{ ts: string; value: number }> }, object>(
      platform.graphqlUrl,
      op('Telemetry'),
      {
        equipmentId: created.data!.createEquipment.id,
        metric: 'voltage_l1_v',
        from: new Date(at - 60_000).toISOString(),
        to: new Date().toISOString(),
        every: '1m',
      },
      token,
    );
    expect(telemetry.errors).toBeUndefined();
    expect(telemetry.data?.telemetry.length).toBeGreaterThan(0);
    expect(telemetry.data?.telemetry.every((p) => p.value === 221)).toBe(true);

    await meter.endAsync();
    await ws.dispose();
  });

  it('ProvisionDevice on another device id returns a new password and stores only a hash', async () => {
    const token = await platform.login('supervisor');
    const device = await buildDevice(platform.graphqlUrl, token);
    const rows = await platform.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ password_hash: string }>>('select password_hash from device where device_id = ?', [
        device.deviceId,
      ]);
    expect(rows[0].password_hash).toMatch(/^\$7\$\d+\$/);
    expect(rows[0].password_hash).not.toContain(device.password);
  });
});
