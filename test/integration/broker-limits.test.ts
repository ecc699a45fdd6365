/**
 * What a device cannot do to the platform through the broker: send a packet over the contract's
 * 64 KiB (devices/CONTRACT.md), or flood it with messages. Real: the broker (embedded aedes, or
 * mosquitto with the configuration of .ci/run in CI), PostgreSQL, InfluxDB, ingest; the devices
 * are real MQTT clients with their own credentials (the oversized one writes its PUBLISH header
 * and body to its own socket, so this process never holds 250 MB). Faked: nothing. The platform
 * runs with a low message rate (1 msg/s, burst 20) so the flood needs few messages.
 */
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { MqttClient } from 'mqtt';
import { MAX_MQTT_PACKET_BYTES } from '../../devices/broker/packet-limit';
import { countPoints } from '../../devices/telemetry/telemetry-query';
import { buildDevice, type ProvisionedTestDevice } from '../factories/device.factory';
import { connectDevice, waitFor } from '../support/device-client';
import { testServices } from '../support/services';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const MB = 1024 * 1024;
const RATE = { perS: 1, burst: 20 };

describe('broker limits', () => {
  let platform: TestPlatform;
  let token: string;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({
      DEVICE_MESSAGES_PER_S: String(RATE.perS),
      DEVICE_MESSAGE_BURST: String(RATE.burst),
    });
    token = await platform.login('supervisor');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const newDevice = () => buildDevice(platform.graphqlUrl, token);
  const connect = async (d: ProvisionedTestDevice) => {
    const client = await connectDevice(platform.mqttUrl, d.deviceId, d.password);
    clients.push(client);
    return client;
  };
  const rejected = async (reason: string, device: string) => {
    const text = await (await fetch(`${platform.url}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith('fd_ingest_rejected_total{') &&
          l.includes(`reason="${reason}"`) &&
          l.includes(`device="${device}"`),
      );
    return line ? Number(line.split(' ').pop()) : 0;
  };

  /** resident memory of the broker's process: this one (aedes in-process) or mosquitto's */
  const brokerRssBytes = (): number => {
    const pidFile = testServices().mosquittoPidFile;
    if (!testServices().mqttUrl) return process.memoryUsage().rss;
    if (!pidFile) throw new Error('an external broker without MOSQUITTO_PID_FILE: cannot read its memory');
    const pid = readFileSync(pidFile, 'utf8').trim();
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (!kb) throw new Error(`no VmRSS for mosquitto pid ${pid}`);
    return Number(kb[1]) * 1024;
  };

  it('closes the connection of a 250 MB publish on its first bytes; the broker does not grow by it', async () => {
    const a = await newDevice();
    const client = await connect(a);
    const socket = (client as unknown as { stream: Socket }).stream;
    const before = brokerRssBytes();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, brokerRssBytes())), 20);

    const payloadBytes = 250 * MB;
    const topic = Buffer.from(a.telemetryTopic);
    const header = Buffer.concat([
      Buffer.from([0x30, ...remainingLength(2 + topic.length + payloadBytes)]), // PUBLISH, QoS 0
      Buffer.from([topic.length >> 8, topic.length & 0xff]),
      topic,
    ]);
    const chunk = Buffer.alloc(MB, 0x20);
    let sent = 0;
    let open = true;
    const closed = new Promise<void>((resolve) =>
      socket.once('close', () => {
        open = false;
        resolve();
      }),
    );
    socket.on('error', () => undefined); // ECONNRESET from the broker is the expected answer
    client.on('error', () => undefined);
    socket.write(header);
    while (open && sent < payloadBytes) {
      sent += chunk.length;
      if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once('drain', r)), closed]);
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
    clearInterval(sampler);

    expect(open).toBe(false); // the broker closed it, not us
    expect(sent).toBeLessThan(payloadBytes / 4); // refused long before the body was through
    expect(peak - before).toBeLessThan(64 * MB); // not the payload (it grew by more than 250 MB before)

    // the device can come back, and a message at the contract's limit still goes through
    const again = await connect(a);
    const bigButLegal = JSON.stringify({ ts: Date.now(), values: { pressure_kpa: 300 }, pad: 'x'.repeat(64_000) });
    expect(Buffer.byteLength(bigButLegal)).toBeLessThan(MAX_MQTT_PACKET_BYTES - 1024);
    await again.publishAsync(a.telemetryTopic, bigButLegal, { qos: 1 });
    await waitFor('the legal point', async () => {
      await platform.settle();
      return (await countPoints(platform.influx, a.equipmentId)) === 1;
    });
  });

  it('drops and counts what a flooding device sends over its rate, while another device goes through', async () => {
    const [flooder, neighbour] = [await newDevice(), await newDevice()];
    const [floodClient, neighbourClient] = [await connect(flooder), await connect(neighbour)];
    const t0 = Date.now() - 60_000;
    const reading = (i: number) => JSON.stringify({ ts: t0 + i, values: { pressure_kpa: 200 + i } });
    const flood = 200;
    await Promise.all([
      ...Array.from({ length: flood }, (_, i) =>
        floodClient.publishAsync(flooder.telemetryTopic, reading(i), { qos: 1 }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        neighbourClient.publishAsync(neighbour.telemetryTopic, reading(i), { qos: 1 }),
      ),
    ]);

    // every flood message is either stored or counted as dropped
    const dropped = await waitFor('every flood message stored or dropped', async () => {
      await platform.settle();
      const [limited, stored] = [
        await rejected('rate_limited', flooder.deviceId),
        await countPoints(platform.influx, flooder.equipmentId),
      ];
      return limited + stored === flood ? limited : null;
    });
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThanOrEqual(flood - RATE.burst - 30); // at most the burst and 30 s of rate got through
    await waitFor('the neighbour s 10 points', async () => {
      await platform.settle();
      return (await countPoints(platform.influx, neighbour.equipmentId)) === 10;
    });
    expect(await rejected('rate_limited', neighbour.deviceId)).toBe(0);
  });
});

/** MQTT 3.1.1 §2.2.3: the Remaining Length, seven bits a byte, least significant first */
function remainingLength(n: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return bytes;
}
