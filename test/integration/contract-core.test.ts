/**
 * Every operation of the core contract (test/contract-core.graphql, a verbatim copy of the
 * shared core.graphql: staff, sites and sessions) validates against the schema and runs as
 * written, with the roles and error codes its comments give. Real: the whole platform on the
 * shared services, over HTTP. Faked: nothing. Each test makes the sites and accounts it uses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, validate } from 'graphql';
import { postGraphql } from '../support/graphql-client';
import { codeOf, coreContract, coreOp, coreOperationNames, newSite, newStaff, run } from '../support/core-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('the core contract operations, exactly as written', () => {
  let platform: TestPlatform;
  let manager: string;
  let url: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    manager = await platform.login('manager');
  });
  afterAll(() => platform?.stop());

  it('all validate against schema/schema.graphql', () => {
    const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));
    expect(coreOperationNames.sort()).toEqual(
      ['CreateBuilding', 'CreateSite', 'CreateStaff', 'Logout', 'Me', 'StaffMembers', 'UpdateStaff'].sort(),
    );
    expect(validate(schema, coreContract).map((e) => e.message)).toEqual([]);
  });

  it('CreateSite and CreateBuilding: a manager creates both; a duplicate code is CONFLICT', async () => {
    const site = await run<{ createSite: { id: string; code: string; name: string } }>(
      url,
      coreOp('CreateSite'),
      { input: { code: 'NS1', name: 'North Site' } },
      manager,
    );
    expect(site.createSite).toMatchObject({ code: 'NS1', name: 'North Site' });
    const building = await run<{ createBuilding: { code: string; site: { id: string; code: string } } }>(
      url,
      coreOp('CreateBuilding'),
      { input: { siteId: site.createSite.id, code: 'NB1', name: 'North 1' } },
      manager,
    );
    expect(building.createBuilding).toEqual({
      id: expect.any(String),
      code: 'NB1',
      name: 'North 1',
      site: { id: site.createSite.id, code: 'NS1' },
    });
    const again = await postGraphql(url, coreOp('CreateSite'), { input: { code: 'NS1', name: 'x' } }, manager);
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it('CreateSite is for managers only; CreateBuilding for a supervisor of that site, another site is NOT_FOUND', async () => {
    const own = await newSite(url, manager, 'SUPB');
    const other = await newSite(url, manager, 'SUPO');
    const supervisor = await newStaff(url, manager, { role: 'SUPERVISOR', siteIds: [own.siteId] });
    const site = await postGraphql(url, coreOp('CreateSite'), { input: { code: 'X1', name: 'x' } }, supervisor.token);
    expect(codeOf(site)).toBe('FORBIDDEN');
    const mine = await postGraphql(
      url,
      coreOp('CreateBuilding'),
      { input: { siteId: own.siteId, code: 'B2', name: 'second' } },
      supervisor.token,
    );
    expect(mine.errors).toBeUndefined();
    const theirs = await postGraphql(
      url,
      coreOp('CreateBuilding'),
      { input: { siteId: other.siteId, code: 'B2', name: 'second' } },
      supervisor.token,
    );
    expect(codeOf(theirs)).toBe('NOT_FOUND');
    const operator = await platform.login('operator');
    const byOperator = await postGraphql(
      url,
      coreOp('CreateBuilding'),
      { input: { siteId: own.siteId, code: 'B3', name: 'third' } },
      operator,
    );
    expect(codeOf(byOperator)).toBe('FORBIDDEN');
  });

  it('CreateStaff: a manager gives any role and site; a password under 10 characters is BAD_USER_INPUT', async () => {
    const { siteId } = await newSite(url, manager, 'CS1');
    const created = await run<{ createStaff: Record<string, unknown> }>(
      url,
      coreOp('CreateStaff'),
      {
        input: {
          username: 'cs-sup',
          name: 'Su Pervisor',
          role: 'SUPERVISOR',
          password: 'ten-chars!',
          siteIds: [siteId],
        },
      },
      manager,
    );
    expect(created.createStaff).toEqual({
      id: expect.any(String),
      username: 'cs-sup',
      name: 'Su Pervisor',
      role: 'SUPERVISOR',
      active: true,
      sites: [{ id: siteId, code: 'CS1' }],
    });
    const short = await postGraphql(
      url,
      coreOp('CreateStaff'),
      { input: { username: 'cs-short', name: 'S', role: 'TECHNICIAN', password: 'nine-char', siteIds: [siteId] } },
      manager,
    );
    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    const taken = await postGraphql(
      url,
      coreOp('CreateStaff'),
      { input: { username: 'cs-sup', name: 'S', role: 'TECHNICIAN', password: 'long enough pw', siteIds: [siteId] } },
      manager,
    );
    expect(codeOf(taken)).toBe('CONFLICT');
  });

  it('CreateStaff: a supervisor only for their own sites and roles below theirs', async () => {
    const own = await newSite(url, manager, 'CS2');
    const other = await newSite(url, manager, 'CS3');
    const supervisor = await newStaff(url, manager, { role: 'SUPERVISOR', siteIds: [own.siteId] });
    const input = (role: string, siteIds: string[], username: string) => ({
      input: { username, name: username, role, password: 'long enough pw', siteIds },
    });
    const ok = await postGraphql(
      url,
      coreOp('CreateStaff'),
      input('TECHNICIAN', [own.siteId], 'cs2-tech'),
      supervisor.token,
    );
    expect(ok.errors).toBeUndefined();
    const peer = await postGraphql(
      url,
      coreOp('CreateStaff'),
      input('SUPERVISOR', [own.siteId], 'cs2-sup'),
      supervisor.token,
    );
    expect(codeOf(peer)).toBe('FORBIDDEN');
    const boss = await postGraphql(url, coreOp('CreateStaff'), input('MANAGER', [], 'cs2-boss'), supervisor.token);
    expect(codeOf(boss)).toBe('FORBIDDEN');
    const elsewhere = await postGraphql(
      url,
      coreOp('CreateStaff'),
      input('TECHNICIAN', [other.siteId], 'cs3-tech'),
      supervisor.token,
    );
    expect(codeOf(elsewhere)).toBe('NOT_FOUND');
    const operator = await platform.login('operator');
    const byOperator = await postGraphql(url, coreOp('CreateStaff'), input('TECHNICIAN', [own.siteId], 'x1'), operator);
    expect(codeOf(byOperator)).toBe('FORBIDDEN');
  });

  it('UpdateStaff changes role, sites, active and password; StaffMembers lists by role and site', async () => {
    const a = await newSite(url, manager, 'US1');
    const b = await newSite(url, manager, 'US2');
    const tech = await newStaff(url, manager, { role: 'TECHNICIAN', siteIds: [a.siteId] });
    const updated = await run<{ updateStaff: Record<string, unknown> }>(
      url,
      coreOp('UpdateStaff'),
      { input: { id: tech.id, role: 'HOTLINE_OPERATOR', siteIds: [a.siteId, b.siteId] } },
      manager,
    );
    expect(updated.updateStaff).toEqual({
      id: tech.id,
      role: 'HOTLINE_OPERATOR',
      active: true,
      sites: [
        { id: a.siteId, code: 'US1' },
        { id: b.siteId, code: 'US2' },
      ],
    });
    const short = await postGraphql(url, coreOp('UpdateStaff'), { input: { id: tech.id, password: 'short' } }, manager);
    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    const off = await run<{ updateStaff: { active: boolean } }>(
      url,
      coreOp('UpdateStaff'),
      { input: { id: tech.id, active: false } },
      manager,
    );
    expect(off.updateStaff.active).toBe(false);

    const operators = await run<{ staffMembers: Array<{ username: string; role: string; sites: unknown[] }> }>(
      url,
      coreOp('StaffMembers'),
      { role: 'HOTLINE_OPERATOR' },
      manager,
    );
    expect(operators.staffMembers.every((s) => s.role === 'HOTLINE_OPERATOR')).toBe(true);
    expect(operators.staffMembers.map((s) => s.username)).toEqual(expect.arrayContaining(['operator', tech.username]));

    // a supervisor of US2 sees the accounts of US2 only, and itself
    const supervisor = await newStaff(url, manager, { role: 'SUPERVISOR', siteIds: [b.siteId] });
    const seen = await run<{ staffMembers: Array<{ username: string; sites: Array<{ code: string }> }> }>(
      url,
      coreOp('StaffMembers'),
      {},
      supervisor.token,
    );
    expect(seen.staffMembers.map((s) => s.username).sort()).toEqual([supervisor.username, tech.username].sort());
    // the sites a colleague has elsewhere are not shown to this supervisor
    expect(seen.staffMembers.find((s) => s.username === tech.username)!.sites).toEqual([{ id: b.siteId, code: 'US2' }]);
    const operator = await platform.login('operator');
    expect(codeOf(await postGraphql(url, coreOp('StaffMembers'), {}, operator))).toBe('FORBIDDEN');
  });

  it('Me gives the account and the sites it may see: its own, every site for a manager', async () => {
    const operator = await platform.login('operator');
    const me = await run<{ me: { username: string; role: string; sites: Array<{ code: string; name: string }> } }>(
      url,
      coreOp('Me'),
      {},
      operator,
    );
    expect(me.me).toMatchObject({ username: 'operator', role: 'HOTLINE_OPERATOR' });
    expect(me.me.sites.map((s) => s.code)).toEqual(['HG']);
    await newSite(url, manager, 'ME1');
    const boss = await run<{ me: { sites: Array<{ code: string }> } }>(url, coreOp('Me'), {}, manager);
    expect(boss.me.sites.map((s) => s.code)).toEqual(expect.arrayContaining(['HG', 'ME1']));
  });

  it('Logout revokes the token it is sent with, and only that one', async () => {
    const first = await platform.login('technician');
    const second = await platform.login('technician');
    const out = await run<{ logout: boolean }>(url, coreOp('Logout'), {}, first);
    expect(out.logout).toBe(true);
    const after = await postGraphql(url, coreOp('Me'), {}, first);
    expect(after.status).toBe(401);
    expect(codeOf(after)).toBe('UNAUTHENTICATED');
    expect((await postGraphql(url, coreOp('Me'), {}, second)).errors).toBeUndefined();
  });
});
