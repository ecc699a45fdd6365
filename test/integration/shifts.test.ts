/**
 * Shift handover (交接班记录): CloseShift lists what is open on the closer's sites at that moment
 * (an unacknowledged alert raised through the real alert path, an overdue work order, an open
 * complaint filed through the API, an active incident written through the ORM, callbacks scheduled
 * by the CallbackScheduler and worked through the API), TakeOverShift
 * once by another member of staff of the site, the handover log per role, the pending shift,
 * roles, site scoping, versions and the bound on each kind of item.
 * Real: the whole platform over HTTP on the shared PostgreSQL, the AlertService as the fault
 * detector hands it events. Faked: no sensor (the fault event is handed over directly). Each test
 * makes a site of its own, so no test reads another's shifts.
 */
import { ref } from '@mikro-orm/core';
import type { FaultEvent } from '../../devices/faults/fault-types';
import { Site } from '../../schema/estate/sites/site.entity';
import { Incident } from '../../schema/incidents/incident.entity';
import { IncidentKind, IncidentSource } from '../../schema/incidents/incident.enums';
import { MAX_ITEMS_PER_SOURCE } from '../../schema/desk/shifts/open-items/open-item';
import { buildResident, buildUnit } from '../factories/residents.factory';
import { createWorkOrder } from '../factories/work-order.factory';
import { codeOf, newSite, newStaff, run, type NewStaff } from '../support/core-operations';
import { postGraphql } from '../support/graphql-client';
import { requestStatements } from '../support/statement-count';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

// verbatim from the incidents contract (test/contract-incidents.graphql once the lead adds it)
const CLOSE_SHIFT = `mutation CloseShift($notes: String) {
  # Closes the caller's shift; openItems are generated from live state when it closes.
  closeShift(notes: $notes) { id closedAt notes openItems { kind refId summary } }
}`;
const TAKE_OVER_SHIFT = `mutation TakeOverShift($id: ID!) {
  takeOverShift(id: $id) { id takenOverAt takenOverBy { username } }
}`;
const TAKE_OVER_AT_VERSION = `mutation($id: ID!, $v: Int) { takeOverShift(id: $id, expectedVersion: $v) { id version } }`;
const SHIFTS = `query { shifts(first: 100) { totalCount nodes { id openedAt closedAt version closedBy { username } takenOverBy { username } } } }`;
const CURRENT = `query { currentShift { id notes closedBy { username } openItems { kind refId } } }`;

interface Item {
  kind: string;
  refId: string | null;
  summary: string;
}
interface Closed {
  id: string;
  closedAt: string;
  notes: string | null;
  openItems: Item[];
}
interface LoggedShift {
  id: string;
  openedAt: string;
  closedAt: string;
  version: number;
  closedBy: { username: string };
  takenOverBy: { username: string } | null;
}

describe('shift handover', () => {
  let platform: TestPlatform;
  let url: string;
  let manager: string;
  let n = 0;

  const api = <T>(token: string, text: string, variables: object = {}) =>
    postGraphql<T, object>(url, text, variables, token);
  const sql = <T>(query: string, params: unknown[] = []) => platform.orm.em.fork().execute<T[]>(query, params);
  const close = async (who: NewStaff, notes: string | null = null) =>
    (await run<{ closeShift: Closed }>(url, CLOSE_SHIFT, { notes }, who.token)).closeShift;
  const logOf = async (token: string) =>
    (await run<{ shifts: { totalCount: number; nodes: LoggedShift[] } }>(url, SHIFTS, {}, token)).shifts;

  /** A site of its own with a building, two operators, a hotline manager and a supervisor. */
  const freshSite = async () => {
    const code = `SH${++n}${Date.now().toString(36)}`.toUpperCase().slice(0, 12);
    const { siteId, buildingId } = await newSite(url, manager, code);
    const staff = (role: string) => newStaff(url, manager, { role, siteIds: [siteId] });
    return {
      code,
      siteId,
      buildingId,
      op1: await staff('HOTLINE_OPERATOR'),
      op2: await staff('HOTLINE_OPERATOR'),
      hotlineManager: await staff('HOTLINE_MANAGER'),
      supervisor: await staff('SUPERVISOR'),
    };
  };
  type Fixture = Awaited<ReturnType<typeof freshSite>>;

  /** A leak on a new pump of the site, raised through the alert path; the alert's id. */
  const raiseAlert = async (site: Fixture) => {
    const code = `${site.code}-P${++n}`;
    const created = await run<{ createEquipment: { id: string } }>(
      url,
      'mutation($input: CreateEquipmentInput!) { createEquipment(input: $input) { id } }',
      { input: { buildingId: site.buildingId, code, name: code, system: 'WATER', kind: 'pump' } },
      manager,
    );
    const equipmentId = created.createEquipment.id;
    const deviceId = `${code.toLowerCase()}-dev`;
    await run(
      url,
      'mutation($e: ID!, $d: String!) { provisionDevice(equipmentId: $e, deviceId: $d) { username } }',
      { e: equipmentId, d: deviceId },
      manager,
    );
    const leak: FaultEvent = {
      type: 'raise',
      faultCode: 'WATER_LEAK',
      severity: 'critical',
      equipmentId,
      deviceId,
      at: Date.now() - 1000,
      value: 1,
      metric: 'leak',
      message: 'leak 1 > 0.5',
    };
    await platform.services.alerts.apply([leak]);
    const [row] = await sql<{ id: string }>('select id from alert where equipment_id = ?', [equipmentId]);
    return row.id;
  };

  /** A complaint filed by the site's first operator on a unit of its building (so it has the site). */
  const fileComplaint = async (site: Fixture) => {
    const unit = await buildUnit(platform.orm, site.buildingId, `${site.code}-${++n}`);
    const filed = await run<{ createServiceRequest: { id: string } }>(
      url,
      'mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { id } }',
      { input: { category: 'COMPLAINT', description: 'the lift was dirty for a week', unitId: unit.id } },
      site.op1.token,
    );
    return filed.createServiceRequest.id;
  };

  const activeIncident = async (siteId: string) => {
    const em = platform.orm.em.fork();
    const incident = em.create(Incident, {
      number: `INC-SHIFT-${++n}-${Date.now().toString(36)}`,
      title: 'no water in B1',
      kind: IncidentKind.WATER,
      source: IncidentSource.MANUAL,
      startedAt: new Date(Date.now() - 600_000),
      site: ref(Site, siteId),
    });
    await em.flush();
    return incident.id;
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    manager = await platform.login('manager');
  });
  afterAll(() => platform?.stop());

  it('closing lists what is open on the closer’s site at that moment, and nothing of another site', async () => {
    const site = await freshSite();
    const other = await freshSite();
    const alertId = await raiseAlert(site);
    const overdue = await createWorkOrder(platform.orm, {
      siteCode: site.code,
      openedAt: new Date(Date.now() - 3 * 3600_000),
      respondMinutes: 30,
    });
    const onTime = await createWorkOrder(platform.orm, { siteCode: site.code, respondMinutes: 60 });
    const complaintId = await fileComplaint(site);
    const incidentId = await activeIncident(site.siteId);
    const otherAlertId = await raiseAlert(other);
    const otherIncidentId = await activeIncident(other.siteId);
    // acknowledged: no longer open
    const ackedId = await raiseAlert(site);
    await run(url, 'mutation($id: ID!) { acknowledgeAlert(id: $id) { id } }', { id: ackedId }, site.op1.token);

    const before = Date.now();
    const shift = await close(site.op1, '  B1 pump room door is jammed; the plumber comes at 9  ');
    expect(shift.notes).toBe('B1 pump room door is jammed; the plumber comes at 9');
    expect(new Date(shift.closedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);

    const byKind = (kind: string) => shift.openItems.filter((i) => i.kind === kind).map((i) => i.refId);
    expect(byKind('UNACKNOWLEDGED_ALERT')).toEqual([alertId]);
    expect(byKind('ACTIVE_INCIDENT')).toEqual([incidentId]);
    expect(byKind('OVERDUE_WORK_ORDER')).toContain(overdue.id);
    expect(byKind('OVERDUE_WORK_ORDER')).not.toContain(onTime.id);
    expect(byKind('OPEN_COMPLAINT')).toEqual([complaintId]);
    const refIds = shift.openItems.map((i) => i.refId);
    expect(refIds).not.toContain(otherAlertId);
    expect(refIds).not.toContain(otherIncidentId);
    expect(refIds).not.toContain(ackedId);
    const overdueItem = shift.openItems.find((i) => i.refId === overdue.id)!;
    expect(overdueItem.summary).toContain(overdue.number);
    expect(shift.openItems.find((i) => i.refId === alertId)!.summary).toContain('WATER_LEAK');

    // a copy made when it closed: acknowledging the alert later does not change the handover
    await run(url, 'mutation($id: ID!) { acknowledgeAlert(id: $id) { id } }', { id: alertId }, site.op1.token);
    const current = await run<{ currentShift: { id: string; openItems: Item[] } }>(url, CURRENT, {}, site.op2.token);
    expect(current.currentShift.id).toBe(shift.id);
    expect(current.currentShift.openItems.map((i) => i.refId)).toContain(alertId);
    // and it was written with its audit row
    const audit = await sql('select 1 from audit_entry where action = ? and entity_id = ?', ['shift.close', shift.id]);
    expect(audit).toHaveLength(1);
  });

  it('a closing with nothing open hands over an empty list; notes are optional', async () => {
    const site = await freshSite();
    const shift = await close(site.op1);
    expect(shift.notes).toBeNull();
    expect(shift.openItems).toEqual([]);
  });

  it(`each kind lists at most ${MAX_ITEMS_PER_SOURCE} items and says how many more`, async () => {
    const site = await freshSite();
    const [{ id: creator }] = await sql<{ id: string }>('select id from staff where username = ?', [site.op1.username]);
    const inserted = await sql<{ id: string }>(
      `insert into service_request (id, version, number, category, status, description, site_id, created_by_id, created_at)
       select gen_random_uuid(), 1, ? || g, 'COMPLAINT', 'OPEN', 'complaint ' || g, ?, ?, now() - g * interval '1 minute'
         from generate_series(1, ?) g returning id`,
      [`SR-${site.code}-`, site.siteId, creator, MAX_ITEMS_PER_SOURCE + 7],
    );
    expect(inserted).toHaveLength(MAX_ITEMS_PER_SOURCE + 7);
    const shift = await close(site.op1, 'busy day');
    const complaints = shift.openItems.filter((i) => i.kind === 'OPEN_COMPLAINT');
    expect(complaints).toHaveLength(MAX_ITEMS_PER_SOURCE + 1);
    expect(complaints.slice(0, -1).every((i) => i.refId !== null)).toBe(true);
    expect(complaints.at(-1)).toEqual({ kind: 'OPEN_COMPLAINT', refId: null, summary: '+7 more' });
  });

  it('another operator of the site takes it over once; the closer cannot; another site cannot see it', async () => {
    const site = await freshSite();
    const other = await freshSite();
    const shift = await close(site.op1, 'handover');

    const own = await api(site.op1.token, TAKE_OVER_SHIFT, { id: shift.id });
    expect(codeOf(own)).toBe('BAD_USER_INPUT');
    const foreign = await api(other.op1.token, TAKE_OVER_SHIFT, { id: shift.id });
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    const stale = await api(site.op2.token, TAKE_OVER_AT_VERSION, { id: shift.id, v: 7 });
    expect(codeOf(stale)).toBe('CONFLICT');

    const taken = (
      await run<{ takeOverShift: { id: string; takenOverAt: string; takenOverBy: { username: string } } }>(
        url,
        TAKE_OVER_SHIFT,
        { id: shift.id },
        site.op2.token,
      )
    ).takeOverShift;
    expect(taken.takenOverBy.username).toBe(site.op2.username);
    expect(new Date(taken.takenOverAt).getTime()).toBeGreaterThanOrEqual(new Date(shift.closedAt).getTime());

    const again = await api(site.hotlineManager.token, TAKE_OVER_SHIFT, { id: shift.id });
    expect(codeOf(again)).toBe('INVALID_TRANSITION');
    const [row] = await sql<{ version: number; taken_over_by_id: string }>(
      'select version, taken_over_by_id from shift where id = ?',
      [shift.id],
    );
    expect(row).toEqual({ version: 2, taken_over_by_id: site.op2.id });
    const audit = await sql('select 1 from audit_entry where action = ? and entity_id = ?', [
      'shift.take-over',
      shift.id,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('two take-overs at once: exactly one wins, the other is INVALID_TRANSITION', async () => {
    const site = await freshSite();
    const shift = await close(site.op1);
    const results = await Promise.all(
      [site.op2, site.hotlineManager].map((who) => api(who.token, TAKE_OVER_SHIFT, { id: shift.id })),
    );
    expect(results.map((r) => codeOf(r) ?? 'OK').sort()).toEqual(['INVALID_TRANSITION', 'OK']);
  });

  it('currentShift: the latest shift closed by someone else, until it is taken over', async () => {
    const site = await freshSite();
    const current = async (who: NewStaff) =>
      (await run<{ currentShift: { id: string; closedBy: { username: string } } | null }>(url, CURRENT, {}, who.token))
        .currentShift;
    expect(await current(site.op2)).toBeNull();
    const shift = await close(site.op1, 'night shift');
    expect((await current(site.op2))?.id).toBe(shift.id);
    expect((await current(site.hotlineManager))?.closedBy.username).toBe(site.op1.username);
    expect(await current(site.op1)).toBeNull(); // the closer does not take over their own
    await run(url, TAKE_OVER_SHIFT, { id: shift.id }, site.op2.token);
    expect(await current(site.op2)).toBeNull();
  });

  it('a shift opens at the closer’s latest take-over or previous closing', async () => {
    const site = await freshSite();
    const first = await close(site.op1);
    const taken = (
      await run<{ takeOverShift: { takenOverAt: string } }>(url, TAKE_OVER_SHIFT, { id: first.id }, site.op2.token)
    ).takeOverShift;
    const second = await close(site.op2);
    const third = await close(site.op2);
    const log = await logOf(site.hotlineManager.token);
    const opened = (id: string) => log.nodes.find((s) => s.id === id)!.openedAt;
    expect(opened(second.id)).toBe(taken.takenOverAt);
    expect(opened(third.id)).toBe(second.closedAt);
    expect(new Date(opened(first.id)).getTime()).toBeLessThanOrEqual(new Date(first.closedAt).getTime());
  });

  it('the log: managers of the site see every shift of it, operators their own, nobody another site’s', async () => {
    const site = await freshSite();
    const other = await freshSite();
    const a = await close(site.op1, 'a');
    await run(url, TAKE_OVER_SHIFT, { id: a.id }, site.op2.token);
    const b = await close(site.op2, 'b');
    const c = await close(site.supervisor, 'c');
    const elsewhere = await close(other.op1, 'elsewhere');

    const ids = async (token: string) => (await logOf(token)).nodes.map((s) => s.id);
    expect(await ids(site.hotlineManager.token)).toEqual([c.id, b.id, a.id]); // newest first
    expect(await ids(site.supervisor.token)).toEqual([c.id, b.id, a.id]);
    expect(await ids(site.op1.token)).toEqual([a.id]);
    expect(await ids(site.op2.token)).toEqual([b.id, a.id]); // closed b, took over a
    expect(await ids(other.hotlineManager.token)).toEqual([elsewhere.id]);
    const all = await ids(manager);
    expect(all).toEqual(expect.arrayContaining([a.id, b.id, c.id, elsewhere.id]));
    const logged = (await logOf(site.hotlineManager.token)).nodes.find((s) => s.id === a.id)!;
    expect(logged).toMatchObject({ version: 2, closedBy: { username: site.op1.username } });
    expect(logged.takenOverBy).toEqual({ username: site.op2.username });
  });

  it('roles: only hotline staff and supervisors close and take over; technicians do not read the log', async () => {
    const site = await freshSite();
    const technician = await newStaff(url, manager, { role: 'TECHNICIAN', siteIds: [site.siteId] });
    const relations = await newStaff(url, manager, { role: 'RELATIONS_OFFICER', siteIds: [site.siteId] });
    expect(codeOf(await api(manager, CLOSE_SHIFT, { notes: 'x' }))).toBe('FORBIDDEN');
    expect(codeOf(await api(technician.token, CLOSE_SHIFT, { notes: 'x' }))).toBe('FORBIDDEN');
    expect(codeOf(await api(relations.token, CLOSE_SHIFT, { notes: 'x' }))).toBe('FORBIDDEN');
    const shift = await close(site.hotlineManager);
    expect(codeOf(await api(technician.token, TAKE_OVER_SHIFT, { id: shift.id }))).toBe('FORBIDDEN');
    expect(codeOf(await api(technician.token, SHIFTS))).toBe('FORBIDDEN');
    expect(codeOf(await api(technician.token, CURRENT))).toBe('FORBIDDEN');
    const [{ n: shifts }] = await sql<{ n: string }>('select count(*) as n from shift where closed_by_id = ?', [
      technician.id,
    ]);
    expect(Number(shifts)).toBe(0);
    // the supervisor of the site may take it over
    const taken = await run<{ takeOverShift: { takenOverBy: { username: string } } }>(
      url,
      TAKE_OVER_SHIFT,
      { id: shift.id },
      site.supervisor.token,
    );
    expect(taken.takeOverShift.takenOverBy.username).toBe(site.supervisor.username);
  });

  it('notes longer than the limit are refused and nothing is written', async () => {
    const site = await freshSite();
    const result = await api(site.op1.token, CLOSE_SHIFT, { notes: 'x'.repeat(10_001) });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    const [{ n: count }] = await sql<{ n: string }>('select count(*) as n from shift where closed_by_id = ?', [
      site.op1.id,
    ]);
    expect(Number(count)).toBe(0);
  });

  it('the log costs the same SQL statements for 2 or 12 shifts (no N+1)', async () => {
    const site = await freshSite();
    const closeAndTakeOver = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const shift = await close(site.op1, `shift ${i}`);
        await run(url, TAKE_OVER_SHIFT, { id: shift.id }, site.op2.token);
      }
    };
    const statementsFor = async () => {
      const { statements, result } = await requestStatements(platform.orm, () => logOf(site.hotlineManager.token));
      return { statements, rows: result.totalCount };
    };
    await closeAndTakeOver(2);
    const two = await statementsFor();
    expect(two.rows).toBe(2);
    expect(two.statements).toBeGreaterThan(0); // the counter counts
    await closeAndTakeOver(10);
    const twelve = await statementsFor();
    expect(twelve).toEqual({ statements: two.statements, rows: 12 });
    // the page (not full: no count), then the staff who closed and took over, in one batch
    expect(twelve.statements).toBe(2);
  });

  // Real callbacks of the site, scheduled by the platform's CallbackScheduler (the insert every
  // source of callbacks shares) at chosen due times, then worked through the API: one reached
  // (DONE), one cancelled (cancelCallback); and one of another site.
  it('closeShift lists the DUE callbacks of the closer’s sites due by now, the longest due first — not a done, a cancelled, a later or another site’s one', async () => {
    const site = await freshSite();
    const other = await freshSite();
    const now = Date.now();
    const minutes = (m: number) => new Date(now + m * 60_000);
    /** a resident of a new unit of `fixture`'s building with a PERIODIC callback due at `due`; its id */
    const callbackDue = async (fixture: Fixture, due: Date) => {
      const unit = await buildUnit(platform.orm, fixture.buildingId, `${fixture.code}-C${++n}`);
      const resident = await buildResident(platform.orm, { unitIds: [unit.id] });
      const scheduled = await platform.orm.em
        .fork()
        .transactional((em) =>
          platform.services.callbackScheduler.insert(
            em,
            `select ?::uuid as resident_id, ?::uuid as site_id, 'PERIODIC' as reason`,
            [resident.id, fixture.siteId],
            { due, workOrderId: null, incidentId: null, at: new Date(now) },
          ),
        );
      expect(scheduled).toBe(1);
      const [row] = await sql<{ id: string }>('select id from callback where resident_id = ?', [resident.id]);
      return row.id;
    };
    const dueHalfHourAgo = await callbackDue(site, minutes(-30));
    const dueHourAndHalfAgo = await callbackDue(site, minutes(-90));
    const later = await callbackDue(site, minutes(+30));
    const reached = await callbackDue(site, minutes(-45));
    const cancelled = await callbackDue(site, minutes(-60));
    const elsewhere = await callbackDue(other, minutes(-30));
    await run(
      url,
      'mutation($input: RecordCallbackInput!) { recordCallback(input: $input) { id } }',
      { input: { id: reached, reached: true, satisfaction: 5 } },
      site.op2.token,
    );
    await run(
      url,
      'mutation($input: CancelCallbackInput!) { cancelCallback(input: $input) { id } }',
      { input: { id: cancelled, version: 1, reason: 'asked not to be called' } },
      site.hotlineManager.token,
    );
    const statuses = await sql<{ id: string; status: string }>(
      'select id, status::text as status from callback where id in (?, ?) order by status::text',
      [reached, cancelled],
    );
    expect(statuses).toEqual([
      { id: cancelled, status: 'CANCELLED' },
      { id: reached, status: 'DONE' },
    ]);

    const closed = await close(site.op1);
    const items = closed.openItems.filter((i) => i.kind === 'DUE_CALLBACK');
    expect(items.map((i) => i.refId)).toEqual([dueHourAndHalfAgo, dueHalfHourAgo]);
    expect(items[0].summary).toMatch(/^callback PERIODIC due \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    for (const id of [later, reached, cancelled, elsewhere]) expect(items.map((i) => i.refId)).not.toContain(id);
    // the other site's closer sees theirs
    const theirs = (await close(other.op1)).openItems.filter((i) => i.kind === 'DUE_CALLBACK');
    expect(theirs.map((i) => i.refId)).toEqual([elsewhere]);
  });
});
