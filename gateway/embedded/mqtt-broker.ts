import net from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { MAX_MQTT_PACKET_BYTES, MqttPacketSizeGuard } from '../../devices/broker/packet-limit';

/** Who a connected MQTT client is, decided once at CONNECT. */
export type MqttPrincipal = { kind: 'device'; deviceId: string } | { kind: 'service'; username: string };

export interface BrokerPolicy {
  /** null: refused (CONNACK 4, bad username or password) */
  authenticate(
    clientId: string,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<MqttPrincipal | null>;
  canPublish(principal: MqttPrincipal, topic: string): boolean;
  canSubscribe(principal: MqttPrincipal, topicFilter: string): boolean;
}

export interface EmbeddedBroker {
  url: string;
  broker: Aedes;
  /**
   * Every message a client published under `prefix`, taken in-process from the broker's
   * `publish` event after authorization: ingest needs no second MQTT hop through loopback
   * (STACK.md measured 29,400 msg/s end to end this way). Returns the unsubscribe.
   */
  onClientPublish(prefix: string, listener: (topic: string, payload: Buffer) => void): () => void;
  /**
   * The first step of a shutdown: no new connections, every client disconnected, and every
   * message already acknowledged handed to the `onClientPublish` listeners before it resolves.
   * aedes writes a QoS 1 PUBACK before it runs its publish pipeline (lib/handlers/publish.js
   * `enqueuePublish`), so a listener taken off before this would miss acknowledged messages.
   */
  refuseClients(): Promise<void>;
  stop(): Promise<void>;
}

/** How long refuseClients waits for acknowledged messages to reach the listeners. */
const SETTLE_WAIT_MS = 5000;
/** A message authorized but never published (its client went away before the PUBACK) is forgotten after this. */
const FORGET_UNSETTLED_MS = 60_000;

/**
 * The embedded MQTT broker (aedes) on `host:port`. Every client authenticates; a device
 * publishes only to its own topics and subscribes to nothing (mqtt.md: "A device that is not
 * provisioned is refused by the broker"). An unauthorized publish closes the connection
 * (MQTT 3.1.1 has no negative PUBACK; aedes disconnects on an authorizePublish error).
 */
export async function startEmbeddedBroker(options: {
  host: string;
  port: number;
  policy: BrokerPolicy;
  log: (level: 'info' | 'warn', message: string) => void;
  /** the largest packet accepted, fixed header included (default devices/broker/packet-limit.ts) */
  maxPacketBytes?: number;
}): Promise<EmbeddedBroker> {
  const principals = new WeakMap<Client, MqttPrincipal>();
  const { policy, log } = options;
  let refusing = false;
  // client publishes authorized and not yet emitted as 'publish' (by object: aedes passes the same packet on)
  const unsettled = new Map<object, number>();
  const trackUnsettled = (packet: object) => {
    const now = Date.now();
    if (unsettled.size > 1000) for (const [p, at] of unsettled) if (now - at > FORGET_UNSETTLED_MS) unsettled.delete(p);
    unsettled.set(packet, now);
  };
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      policy.authenticate(client.id, username, password).then(
        (principal) => {
          if (!principal) {
            log('warn', `mqtt: refused client ${client.id} (user ${username ?? '-'})`);
            return done(authError('Bad username or password', 4), false);
          }
          principals.set(client, principal);
          done(null, true);
        },
        (error: unknown) => done(authError(`Authentication failed: ${String(error)}`, 3), false),
      );
    },
    authorizePublish(client, packet, callback) {
      const principal = client ? principals.get(client) : undefined;
      // client null: the broker's own messages ($SYS); a client without principal never got past CONNECT
      if (!client) return callback(null);
      // Shutting down: nothing more is acknowledged, and a client's Last Will is not published (the
      // platform stopping is not the device going offline; the device reconnects after the restart).
      if (refusing) return callback(new Error('the broker is shutting down'));
      if (principal && policy.canPublish(principal, packet.topic)) {
        trackUnsettled(packet);
        return callback(null);
      }
      log('warn', `mqtt: ${client.id} may not publish to ${packet.topic}`);
      callback(new Error(`not authorized to publish to ${packet.topic}`));
    },
    authorizeSubscribe(client, subscription, callback) {
      const principal = principals.get(client);
      if (principal && policy.canSubscribe(principal, subscription.topic)) return callback(null, subscription);
      log('warn', `mqtt: ${client.id} may not subscribe to ${subscription.topic}`);
      callback(new Error(`not authorized to subscribe to ${subscription.topic}`));
    },
  });
  broker.on('publish', (packet, client) => {
    if (client) unsettled.delete(packet);
  });
  const maxPacketBytes = options.maxPacketBytes ?? MAX_MQTT_PACKET_BYTES;
  const server = net.createServer((socket) => {
    refuseOversizedPackets(socket, maxPacketBytes, (bytes) =>
      log(
        'warn',
        `mqtt: closed ${socket.remoteAddress}:${socket.remotePort}: a ${bytes}-byte packet is over ${maxPacketBytes}`,
      ),
    );
    broker.handle(socket);
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`MQTT port ${options.port} is in use: set MQTT_PORT to a free port, or MQTT_URL to a broker`)
          : error,
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    url: `mqtt://${options.host}:${address.port}`,
    broker,
    onClientPublish(prefix, listener) {
      const handler = (packet: { topic: string; payload: Buffer | string }, client: Client | null) => {
        // client null: the broker's own messages ($SYS, and retained replays), never a device's
        if (!client || !packet.topic.startsWith(prefix)) return;
        listener(packet.topic, typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload);
      };
      broker.on('publish', handler);
      return () => broker.off('publish', handler);
    },
    async refuseClients() {
      refusing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      const deadline = Date.now() + SETTLE_WAIT_MS;
      while (unsettled.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      // what is left lost its client between authorization and PUBACK (not acknowledged), or is stuck
      if (unsettled.size > 0)
        log('warn', `mqtt: ${unsettled.size} authorized messages had not reached ingest at shutdown`);
    },
    async stop() {
      refusing = true;
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * aedes 1.2 has no packet size limit: its parser (mqtt-packet) keeps the bytes of a packet until
 * the whole Remaining Length has arrived, up to 256 MB. Every byte aedes takes from the socket
 * goes through `socket.read()` (lib/client.js `nextBatch`), so the guard sits there: a packet
 * that announces more than the limit closes the connection on its first bytes, and the chunk
 * that carries them is never parsed. MQTT 3.1.1 has no way to tell the client why.
 */
function refuseOversizedPackets(socket: net.Socket, maxPacketBytes: number, onRefused: (bytes: number) => void): void {
  const guard = new MqttPacketSizeGuard(maxPacketBytes);
  const read = socket.read.bind(socket);
  let refused = false;
  socket.read = (size?: number) => {
    const chunk: unknown = read(size);
    if (refused) return null;
    if (chunk instanceof Uint8Array && !guard.accept(chunk)) {
      refused = true;
      onRefused(guard.oversizedBytes);
      socket.destroy();
      return null;
    }
    return chunk;
  };
}

function authError(message: string, returnCode: 3 | 4): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}
