/**
 * The evidence rule with InfluxDB down: moving an alert-opened incident's work order to VERIFIED
 * needs its plan's evidence readings; when InfluxDB does not answer the move is UNAVAILABLE (not
 * INTERNAL), the work order is unchanged, and the same move succeeds once InfluxDB is back.
 * Real: a dedicated influxd child (so it can be stopped and started again), PostgreSQL, the
 * broker, a device over MQTT, HTTP. Faked: nothing (one in-range reading is written straight to
 * InfluxDB with its timestamp, as the device would have sent it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalInfluxd, type LocalInfluxd } from '../../gateway/embedded/influxd';
import { buildDevice } from '../factories/device.factory';
import { codeOf } from '../support/core-operations';
import { connectDevice, waitFor } from '../support/device-client';
import { freePort } from '../support/free-port';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { transition, transitionOk } from '../support/work-order-desk';

jest.setTimeout(120_000);

describe('the evidence rule while InfluxDB is down', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-evidence-'));
  let influxd: LocalInfluxd;
  let platform: TestPlatform;
  let ports: { httpPort: number; rpcPort: number };
  const tokens: Record<string, string> = {};

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);

  beforeAll(async () => {
    ports = { httpPort: await freePort(), rpcPort: await freePort() };
    influxd = await startLocalInfluxd({ dataDir: dir, ...ports, database: 'evidence' });
    platform = await startTestPlatform({ INFLUX_URL: influxd.url });
    for (const name of ['supervisor', 'technician']) tokens[name] = await platform.login(name);
  });
  afterAll(async () => {
    await platform?.stop();
    await influxd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('VERIFIED is UNAVAILABLE and changes nothing while InfluxDB does not answer, and allowed once it is back', async () => {
    const device = await buildDevice(platform.graphqlUrl, tokens.supervisor, { system: 'WATER' });
    const client = await connectDevice(platform.mqttUrl, device.deviceId, device.password);
    try {
      const start = Date.now() - 20 * 60_000;
      const send = (readings: object[]) =>
        client.publishAsync(device.telemetryTopic, JSON.stringify(readings), { qos: 1 });
      await send([
        { ts: start, seq: 1, values: { pressure_kpa: 70 } },
        { ts: start + 61_000, seq: 2, values: { pressure_kpa: 70 } },
      ]);
      const incidentOf = async () =>
        (
          await sql<{ id: string; work_order_id: string; status: string; source: string }>(
            `select i.id, i.work_order_id, i.status, i.source from incident i
               join incident_alert ia on ia.incident_id = i.id join alert a on a.id = ia.alert_id
              where a.equipment_id = ?`,
            [device.equipmentId],
          )
        )[0];
      await waitFor('its incident', async () => (await incidentOf()) !== undefined);
      expect((await incidentOf()).source).toBe('ALERT');
      await send([{ ts: start + 120_000, seq: 3, values: { pressure_kpa: 130 } }]); // clears
      await waitFor('the clear', async () => {
        const rows = await sql<{ cleared_at: Date | null }>(
          `select cleared_at from alert where equipment_id = ? and fault_code = 'WATER_PRESSURE_LOW'`,
          [device.equipmentId],
        );
        return rows.length > 0 && rows.every((r) => r.cleared_at !== null);
      });
      await platform.settle();
      const woId = (await incidentOf()).work_order_id;
      const [technician] = await sql<{ id: string }>(`select id from staff where username = 'technician'`);
      const versionOf = async () =>
        (await sql<{ version: number }>('select version from work_order where id = ?', [woId]))[0].version;
      let wo = await transitionOk(platform, tokens.supervisor, {
        id: woId,
        version: await versionOf(),
        to: 'DISPATCHED' as never,
        assigneeId: technician.id,
      });
      wo = await transitionOk(platform, tokens.technician, {
        id: woId,
        version: wo.version,
        to: 'IN_PROGRESS' as never,
      });
      wo = await transitionOk(platform, tokens.technician, { id: woId, version: wo.version, to: 'RESOLVED' as never });
      // in range 3 min ago: the evidence holds whenever InfluxDB can be asked
      await platform.influx.writePoints(
        [
          {
            measurement: 'telemetry',
            tags: { equipment: device.equipmentId },
            fields: { pressure_kpa: 128 },
            timestamp: new Date(Math.floor((Date.now() - 3 * 60_000) / 1000) * 1000),
          },
        ],
        { precision: 'ms' },
      );
      const linesBefore = (
        await sql<{ n: number }>('select count(*)::int as n from work_order_transition where work_order_id = ?', [woId])
      )[0].n;
      expect(linesBefore).toBeGreaterThan(0);

      await influxd.stop();
      const refused = await transition(platform, tokens.supervisor, {
        id: woId,
        version: wo.version,
        to: 'VERIFIED' as never,
      });
      expect(codeOf(refused)).toBe('UNAVAILABLE');
      expect(refused.errors![0].message).toContain('pressure_kpa');
      expect(refused.errors![0].message).toMatch(/try again/);
      const [row] = await sql<{ status: string; version: number }>(
        'select status, version from work_order where id = ?',
        [woId],
      );
      expect(row).toEqual({ status: 'RESOLVED', version: wo.version });
      const linesAfter = (
        await sql<{ n: number }>('select count(*)::int as n from work_order_transition where work_order_id = ?', [woId])
      )[0].n;
      expect(linesAfter).toBe(linesBefore);

      influxd = await startLocalInfluxd({ dataDir: dir, ...ports, database: 'evidence' });
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
});
