/**
 * Sessions and sign-in throttling across instances: two platforms on one PostgreSQL. A change
 * made on A (deactivation, logout) is refused at B's next request once A's commit is notified
 * (`fd_account`), and B's WebSockets of that account close; B's cache was warm (its hits are
 * counted) so this is the notification at work, not a cold read; failed sign-ins on A and B
 * count together; while B's listener is down B reads every check from PostgreSQL.
 * Real: PostgreSQL 15 (DATABASE_URL's server, else a throwaway cluster), two whole platforms in
 * this process on the shared InfluxDB and broker, HTTP and graphql-ws. Faked: nothing.
 */
import { postGraphql } from '../support/graphql-client';
import { codeOf, coreOp, newSite, newStaff, run, tryLogin } from '../support/core-operations';
import { scratchPostgres, type ScratchPostgres } from '../support/postgres';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { openAcknowledgedSocket } from '../support/ws-socket';

const BUILDINGS = 'query { buildings { id } }';

/** Asks until `done` or `ms` pass; returns how many asks it took. */
async function until(done: () => Promise<boolean>, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  for (let asks = 1; ; asks++) {
    if (await done()) return asks;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('sessions across two instances', () => {
  let postgres: ScratchPostgres;
  let a: TestPlatform;
  let b: TestPlatform;
  let managerOnA: string;
  let siteId: string;

  beforeAll(async () => {
    postgres = await scratchPostgres();
    const env = {
      DATABASE_URL: await postgres.createDatabase(),
      DATABASE_POOL_MAX: '4',
      JWT_SECRET: 'two-instance-sessions',
    };
    a = await startTestPlatform(env);
    b = await startTestPlatform(env, { resetDatabase: false });
    managerOnA = await a.login('manager');
    siteId = (await newSite(a.graphqlUrl, managerOnA, 'TI1')).siteId;
  }, 90_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await postgres?.stop();
  });

  const refusedOn = (platform: TestPlatform, token: string) => async () =>
    codeOf(await postGraphql(platform.graphqlUrl, BUILDINGS, {}, token)) === 'UNAUTHENTICATED';

  it('a deactivation on A is refused at B and closes the account’s WebSocket on B', async () => {
    const tech = await newStaff(a.graphqlUrl, managerOnA, { role: 'TECHNICIAN', siteIds: [siteId] });
    const hits = b.services.accountCache.hits;
    for (let i = 0; i < 3; i++)
      expect((await postGraphql(b.graphqlUrl, BUILDINGS, {}, tech.token)).errors).toBeUndefined();
    expect(b.services.accountCache.hits).toBeGreaterThan(hits); // B answers from its warm cache
    const { closed } = await openAcknowledgedSocket(b.graphqlUrl, tech.token);
    await run(a.graphqlUrl, coreOp('UpdateStaff'), { input: { id: tech.id, active: false } }, managerOnA);
    await until(refusedOn(b, tech.token), 3_000);
    expect(await closed).toEqual({ code: 4401, reason: 'Unauthorized' });
  });

  it('a logout on A ends the session on B', async () => {
    const tech = await newStaff(a.graphqlUrl, managerOnA, { role: 'TECHNICIAN', siteIds: [siteId] });
    expect((await postGraphql(b.graphqlUrl, BUILDINGS, {}, tech.token)).errors).toBeUndefined();
    const { closed } = await openAcknowledgedSocket(b.graphqlUrl, tech.token);
    await run(a.graphqlUrl, coreOp('Logout'), {}, tech.token);
    await until(refusedOn(b, tech.token), 3_000);
    expect(await closed).toEqual({ code: 4401, reason: 'Unauthorized' });
  });

  it('failed sign-ins on A and B count together', async () => {
    const tech = await newStaff(a.graphqlUrl, managerOnA, { role: 'TECHNICIAN', siteIds: [siteId] });
    for (let i = 0; i < 5; i++) {
      expect(codeOf(await tryLogin(a.graphqlUrl, tech.username, 'wrong password!'))).toBe('UNAUTHENTICATED');
      expect(codeOf(await tryLogin(b.graphqlUrl, tech.username, 'wrong password!'))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await tryLogin(a.graphqlUrl, tech.username, tech.password))).toBe('TOO_MANY_REQUESTS');
    expect(codeOf(await tryLogin(b.graphqlUrl, tech.username, tech.password))).toBe('TOO_MANY_REQUESTS');
    await a.orm.em.fork().execute('delete from login_throttle');
  });

  // last: it stops B's account listener for good
  it('while B’s listener is down, B does not trust its cache: a change on A is refused at B’s very next request', async () => {
    const tech = await newStaff(a.graphqlUrl, managerOnA, { role: 'TECHNICIAN', siteIds: [siteId] });
    expect((await postGraphql(b.graphqlUrl, BUILDINGS, {}, tech.token)).errors).toBeUndefined();
    await b.accountListener!.stop();
    expect(b.accountListener!.connected()).toBe(false);
    const misses = b.services.accountCache.misses;
    await run(a.graphqlUrl, coreOp('UpdateStaff'), { input: { id: tech.id, active: false } }, managerOnA);
    expect(await refusedOn(b, tech.token)()).toBe(true);
    expect(b.services.accountCache.misses).toBeGreaterThan(misses);
  });
});
