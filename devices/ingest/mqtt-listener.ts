import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { INGEST_SUBSCRIPTION } from '../contract/topic';
import type { Log } from '../log';

export interface MqttListenerOptions {
  /** `mqtt://host:1883` (credentials in the URL work too, but prefer username/password) */
  url: string;
  username?: string;
  password?: string;
  /** stable across restarts: the broker keeps the durable session under this id (Config.ingestClientId) */
  clientId: string;
  /** topic filter; default INGEST_SUBSCRIPTION, every kind of every device */
  subscription?: string;
  onMessage: (topic: string, payload: Buffer) => void;
  log: Log;
  /** how long the broker keeps our session (and queues QoS 1 messages) while we are away (MQTT 5 only) */
  sessionExpiryS?: number;
  /**
   * 5 or 4 (MQTT 3.1.1). Unset: 5, and 4 when the broker refuses 5 with "unacceptable protocol
   * version" (aedes 1.x, the embedded default, speaks only 3.1/3.1.1). In 3.1.1 `clean: false`
   * alone makes the session durable (no expiry; the broker keeps it until it is cleaned).
   */
  protocolVersion?: 4 | 5;
  reconnectPeriodMs?: number;
  /** how long startMqttListener waits for the first CONNACK before giving up */
  waitMs?: number;
}

export interface MqttListener {
  close(): Promise<void>;
  connected(): boolean;
}

/**
 * Ingest's MQTT session: `clean: false` (plus a session expiry on MQTT 5), and a QoS 1
 * subscription, so messages published while ingest is briefly away (a restart, a broker blip) are
 * queued by the broker and delivered after the reconnect (mqtt.md "Telemetry payload": a
 * redelivered message overwrites the same point, so at-least-once is harmless).
 *
 * A QoS 1 message is acknowledged only after `onMessage` returned: mqtt.js 5 emits 'message' and
 * then sends the PUBACK (build/lib/handlers/publish.js, case 1), and Ingest.handle hands the
 * readings to the TelemetryStore synchronously. A message that arrives while we close is not acked
 * and the broker redelivers it to the durable session.
 *
 * `mqtt.connect` rather than `connectAsync`: the message handler must exist before the CONNACK.
 * A resumed session's queued messages can arrive in the same TCP read as the CONNACK; mqtt.js
 * emits them synchronously and acks QoS 1 whether or not anyone listens, while `connectAsync`
 * resolves a microtask later: those messages would be acked and lost.
 */
export async function startMqttListener(options: MqttListenerOptions): Promise<MqttListener> {
  const { log, clientId } = options;
  const filter = options.subscription ?? INGEST_SUBSCRIPTION;
  let client: MqttClient;
  try {
    client = await connectSession(options, options.protocolVersion ?? 5);
  } catch (error) {
    if (options.protocolVersion !== undefined || !isUnsupportedVersion(error)) throw error;
    log.info('broker refused MQTT 5; ingest uses MQTT 3.1.1 (durable session without expiry)', { clientId });
    client = await connectSession(options, 4);
  }
  try {
    await client.subscribeAsync(filter, { qos: 1 });
    log.info('mqtt listener subscribed', { filter, qos: 1 });
  } catch (error) {
    await client.endAsync(true).catch(() => undefined);
    throw error;
  }

  // Log transitions only: while the broker is down mqtt.js retries every reconnectPeriod.
  let up = true;
  let closing = false;
  client.on('offline', () => {
    if (up) log.warn('mqtt listener disconnected; reconnecting', { clientId });
    up = false;
  });
  client.on('connect', (connack) => {
    if (!up) log.info('mqtt listener reconnected', { clientId, sessionPresent: connack.sessionPresent });
    up = true;
  });
  client.on('error', (error) => {
    // While closing, a message still arriving cannot be acked ("write after end"); the broker
    // redelivers it to the resumed session, which is the at-least-once the contract allows for.
    if (!closing) log.warn('mqtt listener error', { clientId, error: error.message });
  });

  return {
    connected: () => client.connected,
    // A clean DISCONNECT keeps the durable session: the broker queues what arrives until we are back.
    close: async () => {
      closing = true;
      await client.endAsync();
    },
  };
}

/** Connects with the message handler in place before the CONNACK; resolves once connected. */
async function connectSession(options: MqttListenerOptions, protocolVersion: 4 | 5): Promise<MqttClient> {
  const { log, clientId } = options;
  const clientOptions: IClientOptions = {
    clientId,
    username: options.username,
    password: options.password,
    protocolVersion,
    clean: false,
    ...(protocolVersion === 5 ? { properties: { sessionExpiryInterval: options.sessionExpiryS ?? 3600 } } : {}),
    reconnectPeriod: options.reconnectPeriodMs ?? 1000,
    connectTimeout: 10_000,
    resubscribe: true,
  };
  const client = connect(options.url, clientOptions);
  client.on('message', (topic, payload) => {
    try {
      options.onMessage(topic, payload);
    } catch (error) {
      // Ingest.handle never throws; this guards mqtt.js's parser against any other handler.
      log.error('mqtt listener: onMessage threw', { error: String(error) });
    }
  });
  try {
    const connack = await firstConnack(client, options.waitMs ?? 30_000);
    log.info('mqtt listener connected', { clientId, protocolVersion, sessionPresent: connack.sessionPresent });
    return client;
  } catch (error) {
    await client.endAsync(true).catch(() => undefined);
    throw error;
  }
}

/** CONNACK 1 (3.1.1 "unacceptable protocol version") or 0x84 (5.0 "Unsupported Protocol Version"). */
function isUnsupportedVersion(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 1 || code === 0x84;
}

function firstConnack(client: MqttClient, waitMs: number): Promise<{ sessionPresent: boolean }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`MQTT broker did not accept the ingest connection within ${waitMs} ms`));
    }, waitMs);
    const onConnect = (connack: { sessionPresent: boolean }) => {
      cleanup();
      resolve(connack);
    };
    // A refused CONNACK (bad credentials, not authorized) is an 'error'; mqtt.js does not retry it.
    const onError = (error: Error) => {
      cleanup();
      const refused = new Error(`MQTT broker refused the ingest connection: ${error.message}`);
      reject(Object.assign(refused, { code: (error as { code?: unknown }).code }));
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off('connect', onConnect);
      client.off('error', onError);
    };
    client.on('connect', onConnect);
    client.on('error', onError);
  });
}
