import { Client } from 'pg';
import { type Log, errorFields } from '../../devices/log';

/** The channel the staff triggers notify (migrations/Migration20261128230408.ts): payload a staff id. */
export const ACCOUNT_CHANNEL = 'fd_account';

export interface AccountListenerOptions {
  url: string;
  connectionName: string;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** a query on the connection this often, so a half-open connection is noticed */
  pingIntervalMs: number;
}

const DEFAULTS = { reconnectMinMs: 100, reconnectMaxMs: 10_000, pingIntervalMs: 10_000 };

/**
 * Account changes made by other instances: a dedicated connection LISTENs on `fd_account` and
 * hands each staff id to `changed`. While it is not connected `connected()` is false, and the
 * account cache reads PostgreSQL at every request instead of trusting what it holds; after a
 * reconnect `changedAll` empties it, as notifications may have been missed meanwhile.
 */
export class AccountListener {
  private readonly options: AccountListenerOptions;
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  private delayMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly handlers: { changed(staffId: string): void; changedAll(): void },
    private readonly log: Log,
    options: Pick<AccountListenerOptions, 'url' | 'connectionName'> & Partial<AccountListenerOptions>,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.delayMs = this.options.reconnectMinMs;
  }

  async start(): Promise<void> {
    await this.connect();
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
      application_name: `${this.options.connectionName}:accounts`,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === ACCOUNT_CHANNEL && message.payload) this.handlers.changed(message.payload);
    });
    client.on('error', (error) => this.drop(client, error));
    client.on('end', () => this.drop(client, new Error('connection ended')));
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${ACCOUNT_CHANNEL}`);
    } catch (error) {
      this.client = null;
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listening = true;
    this.delayMs = this.options.reconnectMinMs;
    // anything cached before now may have missed a notification
    this.handlers.changedAll();
    this.pingTimer = setInterval(() => {
      client.query('select 1').catch((error: unknown) => this.drop(client, error));
    }, this.options.pingIntervalMs);
    this.pingTimer.unref();
  }

  private drop(client: Client, error: unknown): void {
    if (client !== this.client || this.stopped) return;
    this.client = null;
    this.listening = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    client.end().catch(() => undefined);
    this.log.warn('account listener lost its connection; reconnecting', errorFields(error));
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.reconnectMaxMs);
    this.reconnectTimer = setTimeout(() => {
      this.connect().then(
        () => this.log.info('account listener reconnected'),
        (error) => {
          this.log.warn('account listener could not reconnect', errorFields(error));
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }
}
