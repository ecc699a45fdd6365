/**
 * The MQTT packet size guard of the embedded broker. Real: MqttPacketSizeGuard on real packets
 * encoded by mqtt.js's encoder (mqtt-packet). Faked: nothing; no I/O.
 */
import mqttPacket from 'mqtt-packet';
import { MAX_MQTT_PACKET_BYTES, MqttPacketSizeGuard } from '../../devices/broker/packet-limit';

const publish = (payloadBytes: number, topic = 'fd/v1/S1/B1/water/wp-1/telemetry') =>
  mqttPacket.generate({
    cmd: 'publish',
    topic,
    payload: Buffer.alloc(payloadBytes, 0x20),
    qos: 1,
    messageId: 7,
    retain: false,
    dup: false,
  });

/** feeds `bytes` in chunks of `size`; the number of bytes fed when it refused, or null */
function feed(guard: MqttPacketSizeGuard, bytes: Buffer, size: number): number | null {
  for (let at = 0; at < bytes.length; at += size) {
    if (!guard.accept(bytes.subarray(at, at + size))) return at + size;
  }
  return null;
}

test('passes a stream of packets at the contract limit, however it is cut', () => {
  const longestTopic = `fd/v1/${'s'.repeat(64)}/${'b'.repeat(64)}/electric/${'d'.repeat(64)}/telemetry`;
  const stream = Buffer.concat([
    mqttPacket.generate({ cmd: 'pingreq' }),
    publish(65536, longestTopic),
    publish(10),
    publish(0),
    publish(20_000),
  ]);
  expect(publish(65536, longestTopic).length).toBeLessThanOrEqual(MAX_MQTT_PACKET_BYTES);
  for (const size of [1, 2, 3, 7, 1000, 65536, stream.length]) {
    expect(feed(new MqttPacketSizeGuard(), stream, size)).toBeNull();
  }
});

test('refuses a packet over the limit on its first bytes', () => {
  const header = publish(250 * 1024 * 1024).subarray(0, 64); // the header of a 250 MB publish
  const guard = new MqttPacketSizeGuard();
  expect(feed(guard, header, 1)).toBe(5); // type byte + 4 length bytes
  expect(guard.oversizedBytes).toBeGreaterThan(MAX_MQTT_PACKET_BYTES);
});

test('refuses the first packet over the limit after good ones, in one chunk', () => {
  const stream = Buffer.concat([publish(100), publish(100), publish(MAX_MQTT_PACKET_BYTES)]);
  const guard = new MqttPacketSizeGuard();
  expect(guard.accept(stream)).toBe(false);
  expect(guard.oversizedBytes).toBeGreaterThan(MAX_MQTT_PACKET_BYTES);
});

test('refuses a Remaining Length of five bytes (MQTT 3.1.1 §2.2.3)', () => {
  expect(
    new MqttPacketSizeGuard(Number.MAX_SAFE_INTEGER).accept(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x80, 0x01])),
  ).toBe(false);
});
