/** A token bucket per device: `messagesPerS` on average, up to `burst` at once. */
export interface DeviceRateLimitOptions {
  messagesPerS: number;
  burst: number;
}

/** Buckets kept before full ones (devices quiet long enough to be back at `burst`) are forgotten. */
const MAX_TRACKED_DEVICES = 100_000;

/**
 * How many messages a device may send: a device that floods the broker must not cost ingest
 * a JSON parse, a detector pass and an InfluxDB point per message. Ingest asks before it
 * parses anything but the topic; what is refused is dropped and counted per device.
 * A forgotten bucket is the same as a full one, so forgetting never lets a device through early.
 */
export class DeviceRateLimit {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();
  private readonly perMs: number;

  constructor(
    private readonly options: DeviceRateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (!(options.messagesPerS > 0) || !(options.burst >= 1)) {
      throw new Error(`a device rate limit needs messagesPerS > 0 and burst ≥ 1, got ${JSON.stringify(options)}`);
    }
    this.perMs = options.messagesPerS / 1000;
  }

  /** true: the message may go on (one token taken); false: over the limit, drop it */
  allow(device: string): boolean {
    const nowMs = this.now();
    let bucket = this.buckets.get(device);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED_DEVICES) this.forgetFull(nowMs);
      bucket = { tokens: this.options.burst, atMs: nowMs };
      this.buckets.set(device, bucket);
    } else {
      bucket.tokens = this.refilled(bucket, nowMs);
      bucket.atMs = nowMs;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private refilled(bucket: { tokens: number; atMs: number }, nowMs: number): number {
    return Math.min(this.options.burst, bucket.tokens + Math.max(0, nowMs - bucket.atMs) * this.perMs);
  }

  private forgetFull(nowMs: number): void {
    for (const [device, bucket] of this.buckets) {
      if (this.refilled(bucket, nowMs) >= this.options.burst) this.buckets.delete(device);
    }
  }
}
