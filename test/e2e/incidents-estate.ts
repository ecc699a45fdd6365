/**
 * What test/e2e/incidents.test.ts starts from and does through the API: a resident of building 2
 * (B2) with their own phone number, a water booster pump in B2 with a real MQTT device on it, and
 * the technician's side of the incident's work order (dispatched by the supervisor, started and
 * resolved by the technician), all as the demo accounts would through GraphQL.
 */
import type { MqttClient } from 'mqtt';
import { buildDevice, type ProvisionedTestDevice } from '../factories/device.factory';
import { connectDevice } from '../support/device-client';
import type { TestPlatform } from '../support/test-platform';
import { graphqlAs } from './service-desk-pages';

export interface IncidentEstate {
  buildingId: string;
  unitCode: string;
  residentName: string;
  phone: string;
  device: ProvisionedTestDevice;
  sensor: MqttClient;
}

/** Building 2 of the demo site: the second building by code (B2). */
async function buildingTwo(platform: TestPlatform): Promise<{ id: string; code: string }> {
  const { buildings } = await graphqlAs<{ buildings: Array<{ id: string; code: string }> }>(
    platform,
    'manager',
    '{ buildings { id code } }',
  );
  const b2 = buildings.find((b) => b.code === 'B2') ?? [...buildings].sort((a, b) => a.code.localeCompare(b.code))[1];
  if (!b2) throw new Error(`no building 2 among ${JSON.stringify(buildings)}`);
  return b2;
}

export async function buildIncidentEstate(platform: TestPlatform, suffix: string): Promise<IncidentEstate> {
  const building = await buildingTwo(platform);
  const unitCode = `INC-${suffix.slice(-4)}`;
  const residentName = `李雷${suffix.slice(-3)}`;
  const phone = `198${suffix}`; // 198: a prefix the demo residents never use
  const { createUnit: unit } = await graphqlAs<{ createUnit: { id: string } }>(
    platform,
    'manager',
    'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }',
    { input: { buildingId: building.id, code: unitCode, floor: 5 } },
  );
  await graphqlAs(
    platform,
    'manager',
    'mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }',
    { input: { name: residentName, phone, unitId: unit.id, relation: 'OWNER' } },
  );
  // the pump serves no unit explicitly: it serves every unit of B2, the new one among them
  const { createEquipment: equipment } = await graphqlAs<{ createEquipment: { id: string; code: string } }>(
    platform,
    'supervisor',
    'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id code } }',
    {
      input: {
        buildingId: building.id,
        code: `PUMP-B2-${suffix.slice(-5)}`,
        name: 'Booster pump B2 (e2e)',
        system: 'WATER',
        kind: 'booster pump',
      },
    },
  );
  const supervisor = await platform.login('supervisor');
  const device = await buildDevice(platform.graphqlUrl, supervisor, { equipment: equipment });
  const sensor = await connectDevice(platform.mqttUrl, device.deviceId, device.password);
  return { buildingId: building.id, unitCode, residentName, phone, device, sensor };
}

interface WorkOrderState {
  id: string;
  status: string;
  version: number;
}

const MOVE = `mutation($input: TransitionWorkOrderInput!) {
  transitionWorkOrder(input: $input) { id status version }
}`;

/** The incident's work order through to RESOLVED: dispatched to the technician, started, resolved. */
export async function resolveAsTechnician(platform: TestPlatform, incidentId: string): Promise<WorkOrderState> {
  const { incident } = await graphqlAs<{ incident: { workOrder: WorkOrderState | null } }>(
    platform,
    'supervisor',
    'query($id: ID!) { incident(id: $id) { workOrder { id status version } } }',
    { id: incidentId },
  );
  let wo = incident.workOrder;
  if (!wo) throw new Error('the incident has no work order');
  const { assignableStaff } = await graphqlAs<{ assignableStaff: Array<{ id: string; username: string }> }>(
    platform,
    'supervisor',
    '{ assignableStaff(department: ENGINEERING) { id username } }',
  );
  const technicianId = assignableStaff.find((s) => s.username === 'technician')?.id;
  if (wo.status === 'OPEN') {
    const input = { id: wo.id, to: 'DISPATCHED', assigneeId: technicianId, version: wo.version };
    wo = (await graphqlAs<{ transitionWorkOrder: WorkOrderState }>(platform, 'supervisor', MOVE, { input }))
      .transitionWorkOrder;
  }
  for (const to of ['IN_PROGRESS', 'RESOLVED']) {
    if (wo.status === to || (to === 'IN_PROGRESS' && wo.status !== 'DISPATCHED')) continue;
    const note = to === 'RESOLVED' ? '更换增压泵压力开关 (e2e)' : null;
    const input: Record<string, unknown> = { id: wo.id, to, version: wo.version, note };
    wo = (await graphqlAs<{ transitionWorkOrder: WorkOrderState }>(platform, 'technician', MOVE, { input }))
      .transitionWorkOrder;
  }
  return wo;
}
