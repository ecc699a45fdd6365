/**
 * The bench's own GraphQL calls (set-up, not measured): log in, and provision devices through
 * the public API as an integrator would (test/contract-operations.graphql CreateEquipment + ProvisionDevice).
 */
import type { BenchDevice } from './load/device-fleet';

/** test/contract-operations.graphql `ActiveAlerts`: the desk's overview. */
export const ACTIVE_ALERTS = `query ActiveAlerts {
  alerts(filter: { active: true }, first: 100) {
    totalCount
    nodes {
      id faultCode severity status raisedAt clearedAt occurrences
      equipment { id code system }
      workOrder { id number status emergencyPlan { faultCode title } }
    }
  }
}`;

export async function graphql<T>(url: string, query: string, variables: object = {}, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const data = await graphql<{ login: { token: string } }>(
    url,
    'mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    { u: username, p: password },
  );
  return data.login.token;
}

export async function activeAlertCount(url: string, token: string): Promise<number> {
  const data = await graphql<{ alerts: { totalCount: number } }>(url, ACTIVE_ALERTS, {}, token);
  return data.alerts.totalCount;
}

const PROVISION_CONCURRENCY = 4;

/**
 * `count` water pumps in the first building, each with a device `<prefix>-<n>`: what the
 * bench's generators sign in as. Device ids are unique per bench run (the prefix names it).
 */
export async function provisionDevices(
  url: string,
  token: string,
  prefix: string,
  count: number,
): Promise<BenchDevice[]> {
  const { buildings } = await graphql<{ buildings: Array<{ id: string }> }>(
    url,
    'query { buildings { id } }',
    {},
    token,
  );
  const one = async (n: number): Promise<BenchDevice> => {
    const { createEquipment } = await graphql<{ createEquipment: { id: string } }>(
      url,
      'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
      {
        input: {
          buildingId: buildings[0].id,
          code: `${prefix}-${n}`.toUpperCase(),
          name: `Bench pump ${prefix} ${n}`,
          system: 'WATER',
          kind: 'booster pump set',
        },
      },
      token,
    );
    const { provisionDevice } = await graphql<{
      provisionDevice: { username: string; password: string; device: { telemetryTopic: string } };
    }>(
      url,
      'mutation($e: ID!, $d: String!) { provisionDevice(equipmentId: $e, deviceId: $d) { username password device { telemetryTopic } } }',
      { e: createEquipment.id, d: `${prefix}-${n}` },
      token,
    );
    return {
      id: provisionDevice.username,
      password: provisionDevice.password,
      telemetryTopic: provisionDevice.device.telemetryTopic,
      equipmentId: createEquipment.id,
    };
  };
  const devices: BenchDevice[] = [];
  for (let i = 0; i < count; i += PROVISION_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(PROVISION_CONCURRENCY, count - i) }, (_, j) => one(i + j));
    devices.push(...(await Promise.all(batch)));
  }
  return devices;
}
