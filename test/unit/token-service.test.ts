// Real: schema/staff/auth/token.service.ts with jose's HS256 (no I/O). Faked: nothing; one test
// waits for a token to expire (1.2 s).
import { TokenService } from '../../schema/staff/auth/token.service';

const claims = (expiresInMs: number) => ({
  staffId: 'c1d2e3f4-0000-4000-8000-000000000001',
  sessionId: 'c1d2e3f4-0000-4000-8000-0000000000aa',
  expiresAt: Date.now() + expiresInMs,
});

describe('TokenService', () => {
  it('verifies a token once and then answers it from memory, with the same claims', async () => {
    const tokens = new TokenService('secret-of-the-test');
    const token = await tokens.issue(claims(60_000));
    const first = await tokens.verify(`Bearer ${token}`);
    expect(first).toMatchObject({ staffId: claims(0).staffId, sessionId: claims(0).sessionId });
    expect(await tokens.verify(token)).toBe(first); // the remembered claims, not a second verification
  });

  it('never lets a tampered or foreign token through, even next to a remembered one', async () => {
    const tokens = new TokenService('secret-of-the-test');
    const token = await tokens.issue(claims(60_000));
    await tokens.verify(token);
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    await expect(tokens.verify(tampered)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const foreign = await new TokenService('another-secret').issue(claims(60_000));
    await expect(tokens.verify(foreign)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('forgets a remembered token when it expires', async () => {
    const tokens = new TokenService('secret-of-the-test');
    const token = await tokens.issue(claims(1000));
    await tokens.verify(token);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('stays correct past its bound of remembered tokens', async () => {
    const tokens = new TokenService('secret-of-the-test', 3600, 2);
    const issued = await Promise.all([1, 2, 3].map(() => tokens.issue(claims(60_000))));
    for (const token of [...issued, ...issued]) await expect(tokens.verify(token)).resolves.toBeDefined();
  });
});
