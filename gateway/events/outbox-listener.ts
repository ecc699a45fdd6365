import { type Log, errorFields } from '../../devices/log';
import { OUTBOX_CHANNEL, decodeNotification } from '../../schema/monitoring/outbox/outbox-notification';
import { DEFAULT_CHANNEL_TIMING, PgChannelListener } from './pg-channel-listener';

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

export const DEFAULT_LISTENER_OPTIONS = { ...DEFAULT_CHANNEL_TIMING, catchUpMarginMs: 10_000 };

/**
 * Events from the other instances: a dedicated PostgreSQL connection (pg-channel-listener.ts)
 * LISTENs on the outbox channel and hands the ids other instances committed to the relay. When
 * the connection drops it reconnects with backoff, then catches up on every row created since
 * shortly before it last heard the database (at-least-once; the relay drops what it already
 * handed out). A delivery that fails is caught up the same way.
 */
export class OutboxListener {
  private readonly options: OutboxListenerOptions;
  private readonly channel: PgChannelListener;
  private stopped = false;
  /** the last moment we know the connection was receiving */
  private heardAt = Date.now();
  /** the oldest moment a pending catch-up must start from */
  private owedSince: Date | null = null;
  private catchUpTimer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<unknown> | null = null;

  constructor(
    private readonly relay: OutboxDelivery,
    private readonly log: Log,
    options: Pick<OutboxListenerOptions, 'url' | 'connectionName'> & Partial<OutboxListenerOptions>,
  ) {
    this.options = { ...DEFAULT_LISTENER_OPTIONS, ...options };
    const { url, connectionName, reconnectMinMs, reconnectMaxMs, pingIntervalMs } = this.options;
    this.channel = new PgChannelListener(
      {
        notification: (payload) => this.onNotification(payload),
        connected: (reconnected) => {
          this.heardAt = Date.now();
          if (reconnected) this.catchUp();
        },
        dropped: () => this.owe(new Date(this.heardAt - this.options.catchUpMarginMs)),
        alive: () => (this.heardAt = Date.now()),
      },
      log,
      {
        url,
        // told apart from the instance's pool connections in pg_stat_activity
        applicationName: `${connectionName}:listen`,
        channel: OUTBOX_CHANNEL,
        label: 'outbox listener',
        reconnectMinMs,
        reconnectMaxMs,
        pingIntervalMs,
      },
    );
  }

  /** Connects and listens; rejects when the first connection fails. */
  start(): Promise<void> {
    return this.channel.start();
  }

  connected(): boolean {
    return this.channel.connected();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    await this.catchingUp;
    await this.channel.stop();
  }

  private onNotification(payload: string): void {
    this.heardAt = Date.now();
    const notification = decodeNotification(payload);
    if (!notification || notification.sender === this.options.connectionName) return;
    const receivedAt = new Date();
    this.relay.deliver(notification.ids).catch((error) => {
      this.log.warn('outbox delivery failed; catching up', errorFields(error));
      this.owe(new Date(receivedAt.getTime() - this.options.catchUpMarginMs));
    });
  }

  private owe(since: Date): void {
    if (!this.owedSince || since < this.owedSince) this.owedSince = since;
    if (this.channel.connected()) this.catchUp();
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
