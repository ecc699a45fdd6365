/**
 * A 5-minute InfluxDB outage at 2,000 msg/s loses no point, and the disk spool really carries it.
 * Real: the platform in this process on the shared test PostgreSQL and its own aedes broker, our
 * own influxd child (so the outage is a real stop and start), and a real MQTT device publishing
 * QoS 1 from this process, counting PUBACKs. The memory bound is set small (50,000 points) so
 * most of the outage goes to DATA_DIR/telemetry-spool. Nothing is faked.
 */
import { countPoints } from '../../devices/telemetry/telemetry-query';
import { buildDevice } from '../factories/device.factory';
import { connectDevice, waitFor } from '../support/device-client';
import { startInfluxForTests, type InfluxForTests } from '../support/influx-for-tests';
import { startPacedPublisher } from '../support/paced-publisher';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const RATE_PER_S = 2000;
const BEFORE_S = 10;
const OUTAGE_S = 300;
const AFTER_S = 20;
const MEMORY_POINTS = 50_000;

jest.setTimeout(12 * 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('InfluxDB down for 5 minutes under 2,000 msg/s', () => {
  let influxd: InfluxForTests;
  let platform: TestPlatform;

  beforeAll(async () => {
    influxd = await startInfluxForTests('fd_outage5');
    platform = await startTestPlatform({
      INFLUX_URL: influxd.url,
      TELEMETRY_SPOOL_MEMORY_POINTS: String(MEMORY_POINTS),
      // one device at 2,000 msg/s stands for a fleet: the per-device rate limit is not under test
      DEVICE_MESSAGES_PER_S: '1000000',
      DEVICE_MESSAGE_BURST: '1000000',
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await influxd?.cleanup();
  });

  it('loses 0 points: the memory part stays bounded, the rest goes to disk and is replayed', async () => {
    const token = await platform.login('supervisor');
    const device = await buildDevice(platform.graphqlUrl, token);
    const sensor = await connectDevice(platform.mqttUrl, device.deviceId, device.password);
    const total = RATE_PER_S * (BEFORE_S + OUTAGE_S + AFTER_S);
    const publisher = startPacedPublisher(sensor, {
      topic: device.telemetryTopic,
      ratePerS: RATE_PER_S,
      total,
      tsBase: Date.now() - 2 * 3_600_000,
    });

    const peak = { memoryPoints: 0, diskPoints: 0, diskBytes: 0, metricDiskBytes: 0 };
    const sample = setInterval(() => {
      const s = platform.monitoring.store.stats();
      peak.memoryPoints = Math.max(peak.memoryPoints, s.queuedPoints + s.spooledPoints);
      peak.diskPoints = Math.max(peak.diskPoints, s.diskSpoolPoints);
      peak.diskBytes = Math.max(peak.diskBytes, s.diskSpoolBytes);
    }, 500);

    try {
      await sleep(BEFORE_S * 1000);
      await influxd.outage();
      await sleep(OUTAGE_S * 1000);
      // what an operator sees in /metrics at the end of the outage
      const metrics = await (await fetch(`${platform.url}/metrics`)).text();
      peak.metricDiskBytes = Number(/^fd_telemetry_spool_disk_bytes (\S+)$/m.exec(metrics)?.[1] ?? 0);
      await influxd.recover();
      const recovered = Date.now();
      await waitFor(
        'the disk spool replayed',
        async () => platform.monitoring.store.stats().diskSpoolPoints === 0,
        5 * 60_000,
      );
      const replayMs = Date.now() - recovered;
      await publisher.done;
      await platform.monitoring.store.flush();
      await waitFor(
        'every point in InfluxDB',
        async () => (await countPoints(platform.influx, device.equipmentId)) >= total,
        60_000,
      );

      const stats = platform.monitoring.store.stats();
      const stored = await countPoints(platform.influx, device.equipmentId);
      process.stdout.write(
        `InfluxDB outage ${OUTAGE_S} s at ${RATE_PER_S} msg/s: ${stored} of ${publisher.acked.size} acknowledged points ` +
          `in InfluxDB (${total - stored} lost); peak memory spool ${peak.memoryPoints} points, peak disk spool ` +
          `${peak.diskPoints} points / ${(peak.diskBytes / 1048576).toFixed(1)} MiB; spilled ${stats.spilledPoints}; ` +
          `disk replayed ${replayMs} ms after influxd was back (retry backoff included)\n`,
      );

      expect(publisher.sent()).toBe(total);
      expect(publisher.failed()).toBe(0);
      expect(publisher.acked.size).toBe(total);
      expect(stats.spilledPoints).toBeGreaterThan(0); // the disk path was really used
      expect(peak.diskBytes).toBeGreaterThan(0);
      expect(peak.metricDiskBytes).toBeGreaterThan(0);
      expect(peak.memoryPoints).toBeLessThanOrEqual(MEMORY_POINTS + 10_000); // + one write batch given back per slot
      expect(stats).toMatchObject({ overflowPoints: 0, abandonedPoints: 0, corruptPoints: 0, refusedPoints: 0 });
      expect(stored).toBe(total);
    } finally {
      clearInterval(sample);
      publisher.stop();
      await sensor.endAsync();
    }
  });
});
