/**
 * The first account and the demo accounts: in production with no staff, `admin` (MANAGER) is
 * created from ADMIN_PASSWORD, and without it the platform refuses to start and says why; the
 * demo estate and accounts exist only with DEMO on (on with embedded PGlite, off with
 * DATABASE_URL: gateway/config.ts, test/unit/config.test.ts). Real: the whole platform on the
 * shared services (a fresh database per start). Faked: nothing.
 */
import { codeOf, coreOp, run, tryLogin } from '../support/core-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('first account and demo accounts', () => {
  let platform: TestPlatform | null = null;
  afterEach(async () => {
    await platform?.stop();
    platform = null;
  });

  const count = async (p: TestPlatform, table: string) =>
    Number((await p.orm.em.fork().execute<Array<{ n: string }>>(`select count(*) as n from ${table}`))[0].n);

  it('production with no staff and no ADMIN_PASSWORD refuses to start, saying what to set', async () => {
    await expect(startTestPlatform({ NODE_ENV: 'production', DEMO: 'off' })).rejects.toThrow(
      /NODE_ENV=production and there is no staff account yet: set ADMIN_PASSWORD/,
    );
  });

  it('production with ADMIN_PASSWORD creates admin (MANAGER) once, and no demo account or estate', async () => {
    platform = await startTestPlatform({ NODE_ENV: 'production', DEMO: 'off', ADMIN_PASSWORD: 'first-admin-password' });
    const login = await tryLogin(platform.graphqlUrl, 'admin', 'first-admin-password');
    expect(login.errors).toBeUndefined();
    const me = await run<{ me: { username: string; role: string } }>(
      platform.graphqlUrl,
      coreOp('Me'),
      {},
      login.data!.login.token,
    );
    expect(me.me).toMatchObject({ username: 'admin', role: 'MANAGER' });
    expect(codeOf(await tryLogin(platform.graphqlUrl, 'manager', platform.config.demoPassword))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await count(platform, 'staff')).toBe(1);
    expect(await count(platform, 'site')).toBe(0);
    // with staff present, a restart without ADMIN_PASSWORD starts and creates nothing
    await platform.stop();
    platform = await startTestPlatform({ NODE_ENV: 'production', DEMO: 'off' }, { resetDatabase: false });
    expect(await count(platform, 'staff')).toBe(1);
  });

  it('ADMIN_PASSWORD under 10 characters is refused at start', async () => {
    await expect(startTestPlatform({ NODE_ENV: 'production', DEMO: 'off', ADMIN_PASSWORD: 'short' })).rejects.toThrow(
      /ADMIN_PASSWORD must have at least 10 characters/,
    );
  });

  it('DEMO off (the default with DATABASE_URL) seeds no demo account or estate; DEMO on seeds both', async () => {
    platform = await startTestPlatform({ DEMO: 'off' });
    expect(await count(platform, 'staff')).toBe(0);
    expect(await count(platform, 'site')).toBe(0);
    expect(await count(platform, 'fault_rule')).toBeGreaterThan(0); // the defaults are seeded either way
    await platform.stop();
    platform = await startTestPlatform({ DEMO: 'on' });
    expect(await count(platform, 'staff')).toBe(7);
    // every demo account belongs to the demo site
    expect(await count(platform, 'staff_site')).toBe(7);
  });
});
