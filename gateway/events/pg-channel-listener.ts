import { Client } from 'pg';
import { type Log, errorFields } from '../../devices/log';

export interface ChannelListenerOptions {
  url: string;
  /** `application_name` of the connection, told apart from the pool's in pg_stat_activity */
  applicationName: string;
  channel: string;
  /** names the listener in logs */
  label: string;
  /** first reconnect delay; doubles up to `reconnectMaxMs` */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** a query on the connection this often, so a half-open connection is noticed */
  pingIntervalMs: number;
}

export const DEFAULT_CHANNEL_TIMING = { reconnectMinMs: 100, reconnectMaxMs: 10_000, pingIntervalMs: 10_000 };

export interface ChannelHandlers {
  notification(payload: string): void;
  /** after every LISTEN that succeeded: `reconnected` is false the first time */
  connected(reconnected: boolean): void;
  /** the connection is gone; a reconnect follows after the backoff */
  dropped(): void;
  /** a ping was answered: the connection was receiving until now */
  alive(): void;
}

/**
 * One dedicated PostgreSQL connection LISTENing on one channel (the platform's cross-instance
 * events: the outbox, account changes). When it drops (an error, the server ending it, a ping
 * that fails on a half-open connection) it reconnects with backoff and says so to its owner,
 * which decides what may have been missed meanwhile.
 */
export class PgChannelListener {
  private readonly options: ChannelListenerOptions;
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  private everConnected = false;
  private delayMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly handlers: ChannelHandlers,
    private readonly log: Log,
    options: Pick<ChannelListenerOptions, 'url' | 'applicationName' | 'channel' | 'label'> &
      Partial<ChannelListenerOptions>,
  ) {
    this.options = { ...DEFAULT_CHANNEL_TIMING, ...options };
    this.delayMs = this.options.reconnectMinMs;
  }

  /** Connects and listens; rejects when the first connection fails. */
  start(): Promise<void> {
    return this.connect();
  }

  connected(): boolean {
    return this.listening;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.reconnectTimer, this.pingTimer]) if (timer) clearTimeout(timer);
    const client = this.client;
    this.client = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.handlers.notification(message.payload ?? '');
    });
    client.on('error', (error) => this.drop(client, error));
    client.on('end', () => this.drop(client, new Error('connection ended')));
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${this.options.channel}`);
    } catch (error) {
      this.client = null;
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listening = true;
    this.delayMs = this.options.reconnectMinMs;
    this.pingTimer = setInterval(() => void this.ping(client), this.options.pingIntervalMs);
    this.pingTimer.unref();
    const reconnected = this.everConnected;
    this.everConnected = true;
    this.handlers.connected(reconnected);
  }

  private async ping(client: Client): Promise<void> {
    try {
      await client.query('select 1');
      if (client === this.client) this.handlers.alive();
    } catch (error) {
      this.drop(client, error);
    }
  }

  private drop(client: Client, error: unknown): void {
    if (client !== this.client || this.stopped) return;
    this.client = null;
    this.listening = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    client.end().catch(() => undefined);
    this.log.warn(`${this.options.label} lost its connection; reconnecting`, errorFields(error));
    this.handlers.dropped();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.reconnectMaxMs);
    this.reconnectTimer = setTimeout(() => {
      this.connect().then(
        () => this.log.info(`${this.options.label} reconnected`),
        (error) => {
          this.log.warn(`${this.options.label} could not reconnect`, errorFields(error));
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }
}
