import type { Log } from '../../devices/log';
import { type ChannelListenerOptions, PgChannelListener } from './pg-channel-listener';

/** The channel the staff triggers notify (migrations/Migration20261128230408.ts): payload a staff id. */
export const ACCOUNT_CHANNEL = 'fd_account';

export type AccountListenerOptions = Pick<
  ChannelListenerOptions,
  'reconnectMinMs' | 'reconnectMaxMs' | 'pingIntervalMs'
> & {
  url: string;
  connectionName: string;
};

/**
 * Account changes made by other instances: a dedicated connection LISTENs on `fd_account` and
 * hands each staff id to `changed`. While it is not connected `connected()` is false, and the
 * account cache reads PostgreSQL at every request instead of trusting what it holds; after
 * every (re)connect `changedAll` empties it, as notifications may have been missed meanwhile.
 */
export class AccountListener {
  private readonly channel: PgChannelListener;

  constructor(
    handlers: { changed(staffId: string): void; changedAll(): void },
    log: Log,
    options: Pick<AccountListenerOptions, 'url' | 'connectionName'> & Partial<AccountListenerOptions>,
  ) {
    const { connectionName, ...timing } = options;
    this.channel = new PgChannelListener(
      {
        notification: (staffId) => {
          if (staffId) handlers.changed(staffId);
        },
        connected: () => handlers.changedAll(),
        dropped: () => undefined,
        alive: () => undefined,
      },
      log,
      { ...timing, applicationName: `${connectionName}:accounts`, channel: ACCOUNT_CHANNEL, label: 'account listener' },
    );
  }

  start(): Promise<void> {
    return this.channel.start();
  }

  connected(): boolean {
    return this.channel.connected();
  }

  stop(): Promise<void> {
    return this.channel.stop();
  }
}
