import { MAX_PAYLOAD_BYTES } from '../contract/payload';

/**
 * The largest MQTT packet either broker accepts, whole (fixed header included): a payload at the
 * contract's limit (devices/CONTRACT.md "at most 64 KiB") plus room for the rest of a PUBLISH —
 * the longest contract topic is 219 bytes, with its length prefix, a packet id and the fixed
 * header under 230 — or of a CONNECT (client id, username, password, a status Last Will).
 * mosquitto enforces the same figure with `max_packet_size` (README "Running on mosquitto").
 */
export const MAX_MQTT_PACKET_BYTES = MAX_PAYLOAD_BYTES + 1024;

/**
 * Follows the MQTT packet boundaries of one connection's byte stream (MQTT 3.1.1 §2.2: a type
 * byte, then the Remaining Length in one to four bytes of seven bits, then that many bytes) and
 * says as soon as a packet announces a size over the limit: the connection can be closed on the
 * packet's first bytes, before anything buffers its body. The body bytes are skipped, not kept.
 */
export class MqttPacketSizeGuard {
  private state: 'type' | 'length' | 'body' = 'type';
  private remaining = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private bodyLeft = 0;
  /** the announced size of the packet that broke the limit (fixed header included, as read so far) */
  oversizedBytes = 0;

  constructor(private readonly maxPacketBytes: number = MAX_MQTT_PACKET_BYTES) {}

  /** false: a packet is over the limit, or its length is malformed; nothing after it may be parsed */
  accept(chunk: Uint8Array): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'body') {
        const take = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= take;
        i += take;
        if (this.bodyLeft === 0) this.state = 'type';
        continue;
      }
      if (this.state === 'type') {
        i += 1;
        this.state = 'length';
        this.remaining = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
        continue;
      }
      const byte = chunk[i++];
      this.remaining += (byte & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      this.lengthBytes += 1;
      const packetBytes = 1 + this.lengthBytes + this.remaining;
      if (packetBytes > this.maxPacketBytes) {
        this.oversizedBytes = packetBytes;
        return false;
      }
      if (byte & 0x80) {
        // MQTT 3.1.1 §2.2.3: at most four bytes of Remaining Length
        if (this.lengthBytes === 4) return false;
        continue;
      }
      this.bodyLeft = this.remaining;
      this.state = this.bodyLeft === 0 ? 'type' : 'body';
    }
    return true;
  }
}
