import { AsyncLocalStorage } from 'node:async_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';

/** What this needs of knex's client: how connections are taken from the pool and given back. */
export interface PoolClient {
  acquireConnection(): Promise<object>;
  releaseConnection(connection: object): Promise<void>;
}

/**
 * With one database connection for everything (embedded PGlite serves exactly one), the alert
 * path goes first: whatever runs inside `first()` — applying fault events, the outbox relay's
 * timers — takes the connection before any API request waiting for it, so a queue of request
 * statements never delays an alert by more than the one statement or transaction under way.
 * Requests keep their order among themselves. With a pool per path (PostgreSQL) none of this
 * is needed: `first()` just runs its work.
 */
export class ConnectionPriority {
  private readonly alertPath = new AsyncLocalStorage<true>();
  private free: number;
  private readonly urgent: Array<() => void> = [];
  private readonly waiting: Array<() => void> = [];
  private readonly held = new WeakSet<object>();
  /** connections handed to the alert path ahead of requests that were waiting (for the tests) */
  overtakes = 0;

  constructor(connections: number) {
    this.free = connections;
  }

  /** Runs `work`, and everything it starts (its timers included), ahead of API requests. */
  first<T>(work: () => T): T {
    return this.alertPath.run(true, work);
  }

  /** Puts every acquisition of `orm`'s pool (knex's client) through this queue. */
  install(orm: MikroORM): void {
    this.installOn(orm.em.getConnection().getKnex().client as PoolClient);
  }

  installOn(client: PoolClient): void {
    const acquire = client.acquireConnection.bind(client);
    const release = client.releaseConnection.bind(client);
    client.acquireConnection = async () => {
      await this.take();
      try {
        const connection = await acquire();
        this.held.add(connection);
        return connection;
      } catch (error) {
        this.give();
        throw error;
      }
    };
    client.releaseConnection = (connection) => {
      const result = release(connection);
      if (this.held.delete(connection)) this.give();
      return result;
    };
  }

  private take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    const urgent = this.alertPath.getStore() === true;
    if (urgent && this.waiting.length > 0) this.overtakes++;
    return new Promise((resolve) => (urgent ? this.urgent : this.waiting).push(resolve));
  }

  private give(): void {
    const next = this.urgent.shift() ?? this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
