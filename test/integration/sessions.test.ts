/**
 * Sessions: every request and WebSocket is checked against the account as it is now.
 * Deactivation, a role or site change and logout apply at the next request and close the
 * account's WebSockets; a WebSocket closes when its token expires; with a warm cache the check
 * costs no SQL statement. Real: the whole platform on the shared services, HTTP and graphql-ws
 * (the `ws` client, to see close codes). Faked: nothing; the short-lived token of the expiry
 * test is issued by the platform's own TokenService for a real session row.
 */
import { postGraphql } from '../support/graphql-client';
import { codeOf, coreOp, newSite, newStaff, run } from '../support/core-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { openAcknowledgedSocket } from '../support/ws-socket';

const BUILDINGS = 'query { buildings { code site { code } } }';
const CREATE_EQUIPMENT = 'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }';

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)),
  ]);

describe('sessions checked against the account at every request', () => {
  let platform: TestPlatform;
  let manager: string;
  let url: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    manager = await platform.login('manager');
  });
  afterAll(() => platform?.stop());

  it('a deactivated account is refused at its next request and its WebSockets are closed (4401)', async () => {
    const { siteId } = await newSite(url, manager, 'SE1');
    const tech = await newStaff(url, manager, { role: 'TECHNICIAN', siteIds: [siteId] });
    expect((await postGraphql(url, BUILDINGS, {}, tech.token)).errors).toBeUndefined();
    const socket = await openAcknowledgedSocket(url, tech.token);
    await run(url, coreOp('UpdateStaff'), { input: { id: tech.id, active: false } }, manager);
    const refused = await postGraphql(url, BUILDINGS, {}, tech.token);
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(await within(socket.closed, 5_000)).toEqual({ code: 4401, reason: 'Unauthorized' });
    // reactivating does not bring the old token back: deactivation revoked its sessions
    await run(url, coreOp('UpdateStaff'), { input: { id: tech.id, active: true } }, manager);
    expect(codeOf(await postGraphql(url, BUILDINGS, {}, tech.token))).toBe('UNAUTHENTICATED');
  });

  it('a role change applies at the next request and closes the WebSockets so they reconnect (4000)', async () => {
    const supervisor = await platform.login('supervisor');
    const affairs = await newStaff(url, manager, {
      role: 'AFFAIRS_OFFICER',
      siteIds: [
        (await run<{ me: { sites: Array<{ id: string }> } }>(url, coreOp('Me'), {}, supervisor)).me.sites[0].id,
      ],
    });
    const buildings = await run<{ buildings: Array<{ id: string }> }>(
      url,
      'query { buildings { id } }',
      {},
      affairs.token,
    );
    const buildingId = buildings.buildings[0].id;
    const input = { buildingId, code: 'RC-1', name: 'Pump', system: 'WATER', kind: 'pump' };
    expect((await postGraphql(url, CREATE_EQUIPMENT, { input }, affairs.token)).errors).toBeUndefined();
    const socket = await openAcknowledgedSocket(url, affairs.token);
    await run(url, coreOp('UpdateStaff'), { input: { id: affairs.id, role: 'HOTLINE_OPERATOR' } }, manager);
    const demoted = await postGraphql(url, CREATE_EQUIPMENT, { input: { ...input, code: 'RC-2' } }, affairs.token);
    expect(codeOf(demoted)).toBe('FORBIDDEN');
    expect(await within(socket.closed, 5_000)).toEqual({ code: 4000, reason: 'Account changed' });
    // the same token still works, with the new role
    const me = await run<{ me: { role: string } }>(url, coreOp('Me'), {}, affairs.token);
    expect(me.me.role).toBe('HOTLINE_OPERATOR');
  });

  it('a site change applies at the next request and closes the WebSockets (4000)', async () => {
    const a = await newSite(url, manager, 'SC1');
    const b = await newSite(url, manager, 'SC2');
    const operator = await newStaff(url, manager, { role: 'HOTLINE_OPERATOR', siteIds: [a.siteId] });
    const sitesSeen = async () =>
      (await run<{ buildings: Array<{ site: { code: string } }> }>(url, BUILDINGS, {}, operator.token)).buildings.map(
        (x) => x.site.code,
      );
    expect(await sitesSeen()).toEqual(['SC1']);
    const socket = await openAcknowledgedSocket(url, operator.token);
    await run(url, coreOp('UpdateStaff'), { input: { id: operator.id, siteIds: [b.siteId] } }, manager);
    expect(await sitesSeen()).toEqual(['SC2']);
    expect(await within(socket.closed, 5_000)).toEqual({ code: 4000, reason: 'Account changed' });
  });

  it('logout closes the WebSockets of that session only', async () => {
    const first = await platform.login('technician');
    const second = await platform.login('technician');
    const firstSocket = await openAcknowledgedSocket(url, first);
    const secondSocket = await openAcknowledgedSocket(url, second);
    let secondClosed = false;
    void secondSocket.closed.then(() => (secondClosed = true));
    await run(url, coreOp('Logout'), {}, first);
    expect(await within(firstSocket.closed, 5_000)).toEqual({ code: 4401, reason: 'Unauthorized' });
    expect(codeOf(await postGraphql(url, BUILDINGS, {}, first))).toBe('UNAUTHENTICATED');
    expect((await postGraphql(url, BUILDINGS, {}, second)).errors).toBeUndefined();
    expect(secondClosed).toBe(false);
    // a WebSocket refused at connect with the revoked token
    await expect(openAcknowledgedSocket(url, first)).rejects.toThrow(/closed with 4403/);
  });

  it('a password reset revokes the account’s sessions', async () => {
    const { siteId } = await newSite(url, manager, 'PW1');
    const tech = await newStaff(url, manager, { role: 'TECHNICIAN', siteIds: [siteId] });
    await run(url, coreOp('UpdateStaff'), { input: { id: tech.id, password: 'a brand new password' } }, manager);
    expect(codeOf(await postGraphql(url, BUILDINGS, {}, tech.token))).toBe('UNAUTHENTICATED');
  });

  it('a WebSocket is closed when its token expires', async () => {
    const [{ id: staffId }] = await platform.orm.em
      .fork()
      .execute<Array<{ id: string }>>("select id from staff where username = 'operator'");
    // a JWT's `exp` is in whole seconds
    const expiresAt = Math.ceil((Date.now() + 2_000) / 1000) * 1000;
    const opened = await platform.services.sessions.open(platform.orm.em.fork(), staffId);
    const { sessionId } = await platform.services.tokens.verify(opened.token);
    const token = await platform.services.tokens.issue({ staffId, sessionId, expiresAt });
    const socket = await openAcknowledgedSocket(url, token);
    const closed = await within(socket.closed, 6_000);
    expect(closed).toEqual({ code: 4401, reason: 'Token expired' });
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 50);
  });

  it('with a warm cache, checking the account costs no SQL statement', async () => {
    const token = await platform.login('operator');
    const knex = platform.orm.em.getConnection().getKnex();
    const statements: string[] = [];
    const count = (query: { sql: string }) => {
      if (!query.sql.includes('outbox_event')) statements.push(query.sql);
    };
    // `{ __typename }` reads nothing itself: every statement would be the account check
    const ask = () => postGraphql(url, 'query { __typename }', {}, token);
    knex.on('query', count);
    try {
      expect((await ask()).errors).toBeUndefined(); // first: the cache is filled
      const first = statements.length;
      expect(first).toBeGreaterThan(0); // the check was counted: it read the session
      const misses = platform.services.accountCache.misses;
      for (let i = 0; i < 20; i++) expect((await ask()).errors).toBeUndefined();
      expect(statements.length - first).toBe(0);
      expect(platform.services.accountCache.misses).toBe(misses);
    } finally {
      knex.removeListener('query', count);
    }
  });

  it('UpdateStaff: two concurrent edits both apply; a stale expectedVersion is CONFLICT', async () => {
    const a = await newSite(url, manager, 'CC1');
    const b = await newSite(url, manager, 'CC2');
    const tech = await newStaff(url, manager, { role: 'TECHNICIAN', siteIds: [a.siteId] });
    await Promise.all([
      run(url, coreOp('UpdateStaff'), { input: { id: tech.id, role: 'AFFAIRS_OFFICER' } }, manager),
      run(url, coreOp('UpdateStaff'), { input: { id: tech.id, siteIds: [a.siteId, b.siteId] } }, manager),
    ]);
    const [row] = await platform.orm.em.fork().execute<Array<{ role: string; version: number; sites: string }>>(
      `select role, version, (select string_agg(s.code, ',' order by s.code) from staff_site ss join site s on s.id = ss.site_id
          where ss.staff_id = staff.id) as sites from staff where id = ?`,
      [tech.id],
    );
    expect(row).toMatchObject({ role: 'AFFAIRS_OFFICER', sites: 'CC1,CC2' });
    const stale = await postGraphql(
      url,
      'mutation($input: UpdateStaffInput!) { updateStaff(input: $input) { id } }',
      { input: { id: tech.id, active: false, expectedVersion: row.version - 1 } },
      manager,
    );
    expect(codeOf(stale)).toBe('CONFLICT');
  });
});
