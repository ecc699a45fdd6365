/**
 * Sign-in cannot be guessed at or used to exhaust the server: after 10 failures for one
 * username, or from one address, within 15 minutes sign-in is refused with TOO_MANY_REQUESTS
 * before any hashing, until the window passes; hashing is bounded. Real: the whole platform on
 * the shared services; requests over real HTTP from distinct loopback addresses (127.0.0.x,
 * `localAddress`), counters in PostgreSQL. Faked: the passing of 15 minutes, by moving the
 * window's start back in the database. Each test starts with no failures counted.
 */
import http from 'node:http';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

interface Answer {
  code: string | null;
  message: string | null;
}

describe('sign-in throttling', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform?.stop());
  beforeEach(async () => {
    await platform.orm.em.fork().execute('delete from login_throttle');
  });

  /** `login` over HTTP from the loopback address `from`. */
  function loginFrom(from: string, username: string, password: string): Promise<Answer> {
    const body = JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      variables: { u: username, p: password },
    });
    return new Promise((resolve, reject) => {
      const request = http.request(
        platform.graphqlUrl,
        { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => {
            const parsed = JSON.parse(text) as { errors?: Array<{ message: string; extensions: { code: string } }> };
            const error = parsed.errors?.[0];
            resolve({ code: error?.extensions.code ?? null, message: error?.message ?? null });
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  const right = () => platform.config.demoPassword;

  it('10 failures for one username, from any addresses, refuse it until the window passes, before hashing', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await loginFrom(`127.0.0.${11 + i}`, 'technician', 'wrong password!')).code).toBe('UNAUTHENTICATED');
    }
    const hashed = platform.services.hashingSlots.entered;
    const refused = platform.services.auth.refusedByThrottle;
    const blocked = await loginFrom('127.0.0.21', 'technician', right());
    expect(blocked.code).toBe('TOO_MANY_REQUESTS');
    expect(platform.services.auth.refusedByThrottle).toBe(refused + 1);
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toContain(`fd_login_refused_total{reason="throttled"} ${refused + 1}`);
    expect(hashed).toBeGreaterThan(0); // the failures above were hashed and counted
    expect(platform.services.hashingSlots.entered).toBe(hashed); // the refusal was not
    // the address is not blocked: another account signs in from it
    expect((await loginFrom('127.0.0.21', 'operator', right())).code).toBeNull();
    // 15 minutes later (the window's start moved back), the account signs in again
    await platform.orm.em
      .fork()
      .execute("update login_throttle set window_start = now() - interval '16 minutes' where key = 'u:technician'");
    expect((await loginFrom('127.0.0.21', 'technician', right())).code).toBeNull();
  });

  it('10 failures from one address refuse every username from it, and only from it', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await loginFrom('127.0.0.30', `nobody-${i}`, 'wrong password!')).code).toBe('UNAUTHENTICATED');
    }
    expect((await loginFrom('127.0.0.30', 'manager', right())).code).toBe('TOO_MANY_REQUESTS');
    expect((await loginFrom('127.0.0.31', 'manager', right())).code).toBeNull();
    const [row] = await platform.orm.em
      .fork()
      .execute<Array<{ failures: number }>>("select failures from login_throttle where key = 'a:127.0.0.30'");
    expect(row.failures).toBe(10); // refusals are not failures: the window does not grow
  });

  it('a success clears the username’s count, not the address’s', async () => {
    for (let i = 0; i < 9; i++) await loginFrom('127.0.0.40', 'affairs', 'wrong password!');
    expect((await loginFrom('127.0.0.40', 'affairs', right())).code).toBeNull();
    const rows = await platform.orm.em
      .fork()
      .execute<Array<{ key: string; failures: number }>>('select key, failures from login_throttle order by key');
    expect(rows).toEqual([{ key: 'a:127.0.0.40', failures: 9 }]);
  });

  it('a burst of 60 sign-ins hashes at most 2 at once and refuses what would queue past 16', async () => {
    const before = platform.services.hashingSlots.refused;
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => loginFrom(`127.0.1.${1 + (i % 30)}`, `burst-${i}`, 'wrong password!')),
    );
    const codes = new Set(answers.map((a) => a.code));
    expect([...codes].every((c) => c === 'UNAUTHENTICATED' || c === 'TOO_MANY_REQUESTS')).toBe(true);
    const busy = answers.filter((a) => a.message === 'Too many sign-ins at once; try again in a moment').length;
    expect(busy).toBeGreaterThan(0);
    expect(platform.services.hashingSlots.refused - before).toBe(busy);
    expect(platform.services.hashingSlots.maxRunning).toBeLessThanOrEqual(2);
  });
});
