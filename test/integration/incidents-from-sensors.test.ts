/**
 * A pressure fault from a real device opens an incident on the units its pump serves; a second
 * related alert joins it; once every alert cleared and the work order is resolved, it ends by
 * itself. Real: PostgreSQL, InfluxDB, the MQTT broker, HTTP. Faked: the second alert's fault
 * event (PUMP_FAULT, an event code) is handed to the alert service as the detector hands it,
 * and the units are written through the ORM (test/factories/residents.factory.ts).
 */
import type { MqttClient } from 'mqtt';
import type { FaultEvent } from '../../devices/faults/fault-types';
import { buildDevice, type ProvisionedTestDevice } from '../factories/device.factory';
import { buildResident, buildUnit } from '../factories/residents.factory';
import { connectDevice, waitFor } from '../support/device-client';
import { codeOf, run } from '../support/core-operations';
import { postGraphql } from '../support/graphql-client';
import {
  ACTIVE_INCIDENTS,
  CALL_WITH_INCIDENTS,
  END_INCIDENT,
  SET_EQUIPMENT_SERVES,
} from '../support/incident-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { transition, transitionOk } from '../support/work-order-desk';

interface IncidentNode {
  id: string;
  status: string;
  kind: string;
  alerts: Array<{ id: string; faultCode: string }>;
  buildings: Array<{ id: string; code: string }>;
  affectedUnits: { totalCount: number };
  workOrder: { id: string; number: string; status: string } | null;
}

describe('incidents the building opens and ends itself', () => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};
  let device: ProvisionedTestDevice;
  let sensor: MqttClient;
  const t0 = Date.now() - 600_000;

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);
  const ok = <T>(token: string, query: string, variables: object = {}) =>
    run<T>(platform.graphqlUrl, query, variables, token);
  const active = async () =>
    (await ok<{ incidents: { nodes: IncidentNode[] } }>(tokens.operator, ACTIVE_INCIDENTS)).incidents.nodes;

  beforeAll(async () => {
    platform = await startTestPlatform();
    for (const name of ['manager', 'supervisor', 'operator', 'technician']) tokens[name] = await platform.login(name);
    device = await buildDevice(platform.graphqlUrl, tokens.supervisor, { system: 'WATER' });
    sensor = await connectDevice(platform.mqttUrl, device.deviceId, device.password);
  });
  afterAll(async () => {
    await sensor?.endAsync();
    await platform?.stop();
  });

  const publish = (readings: object | object[]) =>
    sensor.publishAsync(device.telemetryTopic, JSON.stringify(readings), { qos: 1 });

  it('opens on the served units, joins a related alert, and ends once the alerts cleared and the work order is resolved', async () => {
    const [{ building_id: buildingId }] = await sql<{ building_id: string }>(
      'select building_id from equipment where id = ?',
      [device.equipmentId],
    );
    const units = [];
    for (const code of ['S-101', 'S-102', 'S-103']) units.push((await buildUnit(platform.orm, buildingId, code)).id);
    await ok(tokens.supervisor, SET_EQUIPMENT_SERVES, { equipmentId: device.equipmentId, unitIds: units.slice(0, 2) });

    // 61 s of low pressure raises WATER_PRESSURE_LOW (devices/faults/default-rules.ts); its plan interrupts supply
    await publish([
      { ts: t0, seq: 1, values: { pressure_kpa: 80 } },
      { ts: t0 + 30_000, seq: 2, values: { pressure_kpa: 78 } },
      { ts: t0 + 61_000, seq: 3, values: { pressure_kpa: 75 } },
    ]);
    await waitFor('an incident', async () => (await active()).some((i) => i.alerts.length > 0));
    const [opened] = (await active()).filter((i) => i.alerts.length > 0);
    expect(opened).toMatchObject({
      status: 'ACTIVE',
      kind: 'WATER',
      alerts: [{ faultCode: 'WATER_PRESSURE_LOW' }],
      buildings: [{ id: buildingId }],
      affectedUnits: { totalCount: 2 },
      workOrder: { status: 'OPEN' },
    });
    const [alertRow] = await sql<{ work_order_id: string }>(
      `select w.id as work_order_id from alert a join work_order w on w.alert_id = a.id where a.id = ?`,
      [opened.alerts[0].id],
    );
    expect(opened.workOrder!.id).toBe(alertRow.work_order_id);
    const [source] = await sql<{ source: string }>('select source from incident where id = ?', [opened.id]);
    expect(source.source).toBe('ALERT');

    // a pump of the same supply (it serves S-102 and S-103) reports a fault: it joins, adding S-103
    const pump = await ok<{ createEquipment: { id: string } }>(
      tokens.supervisor,
      'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
      {
        input: {
          buildingId,
          code: `PUMP-${Date.now() % 100_000}`,
          name: 'booster pump',
          system: 'WATER',
          kind: 'pump',
        },
      },
    );
    const pumpId = pump.createEquipment.id;
    await ok(tokens.supervisor, SET_EQUIPMENT_SERVES, { equipmentId: pumpId, unitIds: units.slice(1) });
    const pumpFault = (type: 'raise' | 'clear'): FaultEvent => ({
      type,
      faultCode: 'PUMP_FAULT',
      severity: 'major',
      equipmentId: pumpId,
      deviceId: device.deviceId,
      at: Date.now() - 1000,
      message: 'pump fault',
    });
    await platform.services.alerts.apply([pumpFault('raise')]);
    const afterJoin = (await active()).filter((i) => i.alerts.length > 0);
    expect(afterJoin).toHaveLength(1);
    expect(afterJoin[0].id).toBe(opened.id);
    expect(afterJoin[0].alerts.map((a) => a.faultCode).sort()).toEqual(['PUMP_FAULT', 'WATER_PRESSURE_LOW']);
    expect(afterJoin[0].affectedUnits.totalCount).toBe(3);

    // a resident of an affected unit calls: the operator sees the incident; the request joins it
    const resident = await buildResident(platform.orm, { unitIds: [units[0]] });
    const { startCall } = await ok<{ startCall: { id: string } }>(
      tokens.operator,
      'mutation($input: StartCallInput!) { startCall(input: $input) { id } }',
      { input: { phone: resident.phone, channel: 'PHONE' } },
    );
    const shown = await ok<{
      call: { matchedResidents: Array<{ id: string }>; activeIncidents: Array<{ id: string; kind: string }> };
    }>(tokens.operator, CALL_WITH_INCIDENTS, { id: startCall.id });
    expect(shown.call.matchedResidents.map((r) => r.id)).toEqual([resident.id]);
    expect(shown.call.activeIncidents).toEqual([expect.objectContaining({ id: opened.id, kind: 'WATER' })]);
    const workOrdersBefore = (await sql<{ n: number }>('select count(*)::int as n from work_order'))[0].n;
    const { createServiceRequest: joinedRequest } = await ok<{
      createServiceRequest: { id: string; workOrder: { id: string }; incident: { id: string } };
    }>(
      tokens.operator,
      'mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { id workOrder { id } incident { id } } }',
      {
        input: {
          category: 'REPAIR',
          description: '没水了 no water',
          callId: startCall.id,
          unitId: units[0],
          incidentId: opened.id,
        },
      },
    );
    expect(joinedRequest).toMatchObject({ workOrder: { id: opened.workOrder!.id }, incident: { id: opened.id } });
    expect((await sql<{ n: number }>('select count(*)::int as n from work_order'))[0].n).toBe(workOrdersBefore);
    const counted = await ok<{ incident: { calls: { totalCount: number }; requests: { totalCount: number } } }>(
      tokens.operator,
      'query($id: ID!) { incident(id: $id) { calls { totalCount } requests { totalCount } } }',
      { id: opened.id },
    );
    expect(counted.incident).toEqual({ calls: { totalCount: 1 }, requests: { totalCount: 1 } });
    // a resident of an unaffected unit of the same building sees no incident
    const unserved = await buildUnit(platform.orm, buildingId, 'S-104');
    {
      const neighbour = await buildResident(platform.orm, { unitIds: [unserved.id] });
      const other = await ok<{ startCall: { id: string } }>(
        tokens.operator,
        'mutation($input: StartCallInput!) { startCall(input: $input) { id } }',
        { input: { phone: neighbour.phone, channel: 'PHONE' } },
      );
      const none = await ok<{ call: { activeIncidents: unknown[] } }>(tokens.operator, CALL_WITH_INCIDENTS, {
        id: other.startCall.id,
      });
      expect(none.call.activeIncidents).toEqual([]);
    }

    // staff cannot end it: it ends by itself
    expect(codeOf(await postGraphql(platform.graphqlUrl, END_INCIDENT, { id: opened.id }, tokens.supervisor))).toBe(
      'INVALID_TRANSITION',
    );

    // the pressure recovers (≥ 110 kPa clears) and the pump's fault clears: still ACTIVE, the work order is open
    await publish({ ts: t0 + 120_000, seq: 4, values: { pressure_kpa: 130 } });
    await platform.services.alerts.apply([pumpFault('clear')]);
    await waitFor('both alerts cleared', async () => {
      const rows = await sql<{ n: number }>(
        `select count(*)::int as n from incident_alert ia join alert a on a.id = ia.alert_id
          where ia.incident_id = ? and a.cleared_at is null`,
        [opened.id],
      );
      return rows[0].n === 0;
    });
    const status = async () =>
      (await sql<{ status: string }>('select status from incident where id = ?', [opened.id]))[0].status;
    expect(await status()).toBe('ACTIVE');

    const [technician] = await sql<{ id: string }>(`select id from staff where username = 'technician'`);
    const woId = opened.workOrder!.id;
    let wo = await transitionOk(platform, tokens.supervisor, {
      id: woId,
      version: await versionOf(woId),
      to: 'DISPATCHED' as never,
      assigneeId: technician.id,
    });
    wo = await transitionOk(platform, tokens.technician, { id: woId, version: wo.version, to: 'IN_PROGRESS' as never });
    expect(await status()).toBe('ACTIVE');
    await transitionOk(platform, tokens.technician, { id: woId, version: wo.version, to: 'RESOLVED' as never });
    expect(await status()).toBe('ENDED');
    const [ended] = await sql<{ ended_at: Date | null; end_note: string }>(
      'select ended_at, end_note from incident where id = ?',
      [opened.id],
    );
    expect(ended.ended_at).not.toBeNull();
    expect((await active()).map((i) => i.id)).not.toContain(opened.id);
  });

  it('the evidence rule: VERIFIED is refused while pressure_kpa was out of range in the last 10 min, then allowed', async () => {
    // its own equipment and device (nothing left over from the test above); readings from 20 min ago
    const own = await buildDevice(platform.graphqlUrl, tokens.supervisor, { system: 'WATER' });
    const client = await connectDevice(platform.mqttUrl, own.deviceId, own.password);
    try {
      const start = Date.now() - 20 * 60_000;
      const send = (readings: object[]) =>
        client.publishAsync(own.telemetryTopic, JSON.stringify(readings), { qos: 1 });
      await send([
        { ts: start, seq: 1, values: { pressure_kpa: 70 } },
        { ts: start + 61_000, seq: 2, values: { pressure_kpa: 70 } },
      ]);
      const incidentOf = async () =>
        (
          await sql<{ id: string; work_order_id: string; status: string }>(
            `select i.id, i.work_order_id, i.status from incident i join incident_alert ia on ia.incident_id = i.id
               join alert a on a.id = ia.alert_id where a.equipment_id = ?`,
            [own.equipmentId],
          )
        )[0];
      await waitFor('its incident', async () => (await incidentOf()) !== undefined);
      await send([{ ts: start + 120_000, seq: 3, values: { pressure_kpa: 130 } }]); // clears
      // the clear is applied (and notes itself on the work order, moving its version) before the moves
      await waitFor('the clear', async () => {
        const rows = await sql<{ cleared_at: Date | null }>(
          `select a.cleared_at from alert a where a.equipment_id = ? and a.fault_code = 'WATER_PRESSURE_LOW'`,
          [own.equipmentId],
        );
        return rows.length > 0 && rows.every((r) => r.cleared_at !== null);
      });
      await platform.settle();
      const woId = (await incidentOf()).work_order_id;
      const [technician] = await sql<{ id: string }>(`select id from staff where username = 'technician'`);
      let wo = await transitionOk(platform, tokens.supervisor, {
        id: woId,
        version: await versionOf(woId),
        to: 'DISPATCHED' as never,
        assigneeId: technician.id,
      });
      wo = await transitionOk(platform, tokens.technician, {
        id: woId,
        version: wo.version,
        to: 'IN_PROGRESS' as never,
      });
      wo = await transitionOk(platform, tokens.technician, { id: woId, version: wo.version, to: 'RESOLVED' as never });
      await waitFor('the incident ended', async () => (await incidentOf()).status === 'ENDED');

      // a dip 4 min ago, written to InfluxDB with its timestamp (the detector does not see it)
      const dipAt = new Date(Math.floor((Date.now() - 4 * 60_000) / 1000) * 1000);
      const good = new Date(dipAt.getTime() - 3 * 60_000);
      const write = (at: Date, kpa: number) =>
        platform.influx.writePoints(
          [
            {
              measurement: 'telemetry',
              tags: { equipment: own.equipmentId },
              fields: { pressure_kpa: kpa },
              timestamp: at,
            },
          ],
          { precision: 'ms' },
        );
      await write(good, 125);
      await write(dipAt, 90);
      const refused = await transition(platform, tokens.supervisor, {
        id: woId,
        version: wo.version,
        to: 'VERIFIED' as never,
      });
      expect(codeOf(refused)).toBe('INVALID_TRANSITION');
      const message = refused.errors![0].message;
      expect(message).toContain('pressure_kpa');
      expect(message).toMatch(/10 min/);
      expect(message).toMatch(/[5-7] min left/);
      expect((await sql<{ status: string }>('select status from work_order where id = ?', [woId]))[0].status).toBe(
        'RESOLVED',
      );

      // the same point, back in range (InfluxDB keeps the last value of a series at a timestamp): allowed
      await write(dipAt, 128);
      const verified = await transitionOk(platform, tokens.supervisor, {
        id: woId,
        version: wo.version,
        to: 'VERIFIED' as never,
      });
      expect(verified.status).toBe('VERIFIED');
    } finally {
      await client.endAsync();
    }
  });

  const versionOf = async (id: string) =>
    (await sql<{ version: number }>('select version from work_order where id = ?', [id]))[0].version;
});
