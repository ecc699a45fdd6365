import { BuildingsDocument, CreateEquipmentDocument, ProvisionDeviceDocument } from '../support/generated/graphql';
import { gql } from '../support/graphql-client';

let sequence = 0;

export interface ProvisionedTestDevice {
  equipmentId: string;
  equipmentCode: string;
  deviceId: string;
  password: string;
  telemetryTopic: string;
  statusTopic: string;
  eventTopic: string;
}

/**
 * Equipment in the first demo building plus a device on it, through the public API
 * (CreateEquipment + ProvisionDevice, as an integrator does). Builds what is missing; with
 * `equipment`, the device joins that equipment instead (one equipment, several devices).
 */
export async function buildDevice(
  graphqlUrl: string,
  token: string,
  options: {
    system?: 'WATER' | 'ELECTRIC' | 'HEATING';
    ratedCurrentA?: number;
    equipment?: { id: string; code: string };
  } = {},
): Promise<ProvisionedTestDevice> {
  const n = ++sequence;
  const createEquipment = options.equipment ?? (await createTestEquipment(graphqlUrl, token, n, options));
  const { provisionDevice } = await gql(
    graphqlUrl,
    ProvisionDeviceDocument,
    { equipmentId: createEquipment.id, deviceId: `dev-${n}-${Date.now().toString(36)}` },
    token,
  );
  return {
    equipmentId: createEquipment.id,
    equipmentCode: createEquipment.code,
    deviceId: provisionDevice.username,
    password: provisionDevice.password,
    telemetryTopic: provisionDevice.device.telemetryTopic,
    statusTopic: provisionDevice.device.statusTopic,
    eventTopic: provisionDevice.device.eventTopic,
  };
}

async function createTestEquipment(
  graphqlUrl: string,
  token: string,
  n: number,
  options: { system?: 'WATER' | 'ELECTRIC' | 'HEATING'; ratedCurrentA?: number },
): Promise<{ id: string; code: string }> {
  const { buildings } = await gql(graphqlUrl, BuildingsDocument, {}, token);
  const { createEquipment } = await gql(
    graphqlUrl,
    CreateEquipmentDocument,
    {
      input: {
        buildingId: buildings[0].id,
        code: `T-${n}-${Date.now().toString(36)}`,
        name: `Test equipment ${n}`,
        system: options.system ?? 'WATER',
        kind: 'test pump',
        ratedCurrentA: options.ratedCurrentA ?? null,
      },
    },
    token,
  );
  return createEquipment;
}
