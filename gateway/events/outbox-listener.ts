import { Client, type Notification } from 'pg';
import { type Log, errorFields } from '../../devices/log';
import { OUTBOX_CHANNEL, decodeNotification } from '../../schema/monitoring/outbox/outbox-notification';

/** What the listener needs of the relay (schema/monitoring/outbox/outbox.relay.ts). */
export interface OutboxDelivery {
  deliver(ids: string[]): Promise<void>;
  catchUp(since: Date): Promise<number>;
}

export interface OutboxListenerOptions {
  url: string;
  /** this instance's application_name: notifications it signed are its own, already published */
  connectionName: string;
  /** first reconnect delay; doubles up to `reconnectMaxMs` */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** a query on the connection this often, so a half-open connection is noticed */
  pingIntervalMs: number;
  /** after a gap, rows created this long before the last moment we were surely listening are re-read */
  catchUpMarginMs: number;
}

export const DEFAULT_LISTENER_OPTIONS = {
  reconnectMinMs: 100,
  reconnectMaxMs: 10_000,
  pingIntervalMs: 10_000,
  catchUpMarginMs: 10_000,
};

/**
 * Events from the other instances: a dedicated PostgreSQL connection LISTENs on the outbox
 * channel and hands the ids other instances committed to the relay. When the connection
 * drops it reconnects with backoff, then catches up on every row created since shortly
 * before it last heard the database (at-least-once; the relay drops what it already handed
 * out). A delivery that fails is caught up the same way.
 */
export class OutboxListener {
  private readonly options: OutboxListenerOptions;
  private client: Client | null = null;
  private stopped = false;
  private listening = false;
  private delayMs: number;
  /** the last moment we know the connection was receiving */
  private heardAt = Date.now();
  /** the oldest moment a pending catch-up must start from */
  private owedSince: Date | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private catchUpTimer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<unknown> | null = null;

  constructor(
    private readonly relay: OutboxDelivery,
    private readonly log: Log,
    options: Pick<OutboxListenerOptions, 'url' | 'connectionName'> & Partial<OutboxListenerOptions>,
  ) {
    this.options = { ...DEFAULT_LISTENER_OPTIONS, ...options };
    this.delayMs = this.options.reconnectMinMs;
  }

  /** Connects and listens; rejects when the first connection fails. */
  async start(): Promise<void> {
    await this.connect();
  }

  connected(): boolean {
    return this.listening;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.reconnectTimer, this.pingTimer, this.catchUpTimer]) if (timer) clearTimeout(timer);
    await this.catchingUp;
    const client = this.client;
    this.client = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.url,
      // told apart from the instance's pool connections in pg_stat_activity
      application_name: `${this.options.connectionName}:listen`,
      keepAlive: true,
    });
    client.on('notification', (message) => this.onNotification(message));
    client.on('error', (error) => this.drop(client, error));
    client.on('end', () => this.drop(client, new Error('connection ended')));
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.client = null;
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listening = true;
    this.heardAt = Date.now();
    this.delayMs = this.options.reconnectMinMs;
    this.pingTimer = setInterval(() => void this.ping(client), this.options.pingIntervalMs);
    this.pingTimer.unref();
  }

  private onNotification(message: Notification): void {
    this.heardAt = Date.now();
    const notification = message.channel === OUTBOX_CHANNEL ? decodeNotification(message.payload ?? '') : null;
    if (!notification || notification.sender === this.options.connectionName) return;
    const receivedAt = new Date();
    this.relay.deliver(notification.ids).catch((error) => {
      this.log.warn('outbox delivery failed; catching up', errorFields(error));
      this.owe(new Date(receivedAt.getTime() - this.options.catchUpMarginMs));
    });
  }

  private async ping(client: Client): Promise<void> {
    try {
      await client.query('select 1');
      if (client === this.client) this.heardAt = Date.now();
    } catch (error) {
      this.drop(client, error);
    }
  }

  /** The connection is gone: stop using it, owe a catch-up, reconnect after the backoff. */
  private drop(client: Client, error: unknown): void {
    if (client !== this.client || this.stopped) return;
    this.client = null;
    this.listening = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    client.end().catch(() => undefined);
    this.log.warn('outbox listener lost its connection; reconnecting', errorFields(error));
    this.owe(new Date(this.heardAt - this.options.catchUpMarginMs));
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.reconnectMaxMs);
    this.reconnectTimer = setTimeout(() => {
      this.connect().then(
        () => {
          this.log.info('outbox listener reconnected');
          this.catchUp();
        },
        (error) => {
          this.log.warn('outbox listener could not reconnect', errorFields(error));
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  private owe(since: Date): void {
    if (!this.owedSince || since < this.owedSince) this.owedSince = since;
    if (this.listening) this.catchUp();
  }

  /** Re-reads what was owed; on failure tries again after the backoff. */
  private catchUp(): void {
    if (this.catchingUp || !this.owedSince || this.stopped) return;
    const since = this.owedSince;
    this.owedSince = null;
    this.catchingUp = this.relay
      .catchUp(since)
      .then(
        (delivered) => {
          if (delivered > 0) this.log.info('outbox catch-up delivered events', { delivered, since });
        },
        (error) => {
          this.log.warn('outbox catch-up failed; retrying', errorFields(error));
          this.catchUpTimer = setTimeout(() => this.owe(since), this.options.reconnectMaxMs);
          this.catchUpTimer.unref();
        },
      )
      .finally(() => {
        this.catchingUp = null;
        if (this.owedSince) this.catchUp();
      });
  }
}
