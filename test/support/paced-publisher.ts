import type { MqttClient } from 'mqtt';

/**
 * A real device publishing QoS 1 telemetry at a steady rate from this process, one reading per
 * message with its own timestamp (`tsBase + i` ms), so every message is exactly one point in
 * InfluxDB and can be found there. It counts PUBACKs: `acked` holds the index of every message
 * the broker acknowledged. It stops by itself after `total` messages (or on `stop()`).
 */
export interface PacedPublisher {
  sent(): number;
  acked: Set<number>;
  /** publishes the broker did not acknowledge (the connection went away first) */
  failed(): number;
  /** resolves once `total` messages are sent and each acknowledged or failed, or after stop() */
  done: Promise<void>;
  stop(): void;
}

/** a metric no default fault rule watches: the test measures storage, not alerting */
export const QUIET_METRIC = 'flow_m3h';

export function startPacedPublisher(
  client: MqttClient,
  options: { topic: string; ratePerS: number; total: number; tsBase: number; tickMs?: number },
): PacedPublisher {
  const { topic, ratePerS, total, tsBase, tickMs = 20 } = options;
  const acked = new Set<number>();
  let sent = 0;
  let failed = 0;
  let stopped = false;
  const started = Date.now();
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const settledAll = () => acked.size + failed >= sent && (sent >= total || stopped);

  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * ratePerS));
    while (!stopped && sent < due) {
      const i = sent++;
      const payload = JSON.stringify({ ts: tsBase + i, seq: i, values: { [QUIET_METRIC]: 10 + (i % 50) / 10 } });
      client.publish(topic, payload, { qos: 1 }, (error) => {
        if (error) failed += 1;
        else acked.add(i);
        if (settledAll()) finish();
      });
    }
    if (sent >= total || stopped) {
      clearInterval(timer);
      if (settledAll()) finish();
    }
  }, tickMs);

  return {
    sent: () => sent,
    acked,
    failed: () => failed,
    done,
    stop() {
      stopped = true;
      clearInterval(timer);
      if (settledAll()) finish();
    },
  };
}
