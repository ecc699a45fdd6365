import type { EntityManager } from '@mikro-orm/postgresql';

export interface LoginThrottleOptions {
  /** failures of one username, or from one address, that close sign-in for them */
  maxFailures: number;
  /** the window, from the first failure; sign-in reopens when it has passed */
  windowMs: number;
}

/** Issue 7: after 10 failures for one username or from one address in 15 minutes, refuse. */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = { maxFailures: 10, windowMs: 15 * 60_000 };

/**
 * Failed sign-ins counted in PostgreSQL (`login_throttle`), so every instance sees the same
 * counts: one row per username and per address, a fixed window from its first failure. Times
 * are the database's (`now()`), so instances with skewed clocks agree.
 */
export class LoginThrottle {
  private prunedAt = 0;

  constructor(private readonly options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE) {}

  keys(username: string, address: string | null | undefined): string[] {
    const keys = [`u:${username.trim().toLowerCase().slice(0, 100)}`];
    if (address) keys.push(`a:${address.slice(0, 100)}`);
    return keys;
  }

  /** Whether any of the keys has used up its failures in the current window. */
  async blocked(em: EntityManager, keys: string[]): Promise<boolean> {
    const rows = await em.execute(
      `select 1 from login_throttle
        where key in (${keys.map(() => '?').join(', ')}) and failures >= ?
          and window_start > now() - make_interval(secs => ?) limit 1`,
      [...keys, this.options.maxFailures, this.options.windowMs / 1000],
    );
    return rows.length > 0;
  }

  async recordFailure(em: EntityManager, keys: string[]): Promise<void> {
    await em.execute(
      `insert into login_throttle (key, failures, window_start)
       values ${keys.map(() => '(?, 1, now())').join(', ')}
       on conflict (key) do update set
         failures = case when login_throttle.window_start <= now() - make_interval(secs => ?) then 1
                         else login_throttle.failures + 1 end,
         window_start = case when login_throttle.window_start <= now() - make_interval(secs => ?) then now()
                             else login_throttle.window_start end`,
      [...keys, this.options.windowMs / 1000, this.options.windowMs / 1000],
    );
    await this.prune(em);
  }

  /** A successful sign-in clears its username's count (never the address's). */
  async recordSuccess(em: EntityManager, usernameKey: string): Promise<void> {
    await em.execute('delete from login_throttle where key = ?', [usernameKey]);
  }

  /** Windows that have passed are deleted, at most once a minute per instance. */
  private async prune(em: EntityManager): Promise<void> {
    if (Date.now() - this.prunedAt < 60_000) return;
    this.prunedAt = Date.now();
    await em.execute('delete from login_throttle where window_start <= now() - make_interval(secs => ?)', [
      this.options.windowMs / 1000,
    ]);
  }
}
