/**
 * Where callbacks (回访) come from: a resolved request of a known resident (next day 10:00
 * Asia/Shanghai), a complaint, the end of an incident residents called about, a move-in, and
 * the monthly sample of long-standing residents — never twice for the same open reason.
 * Real: the whole platform on the shared services (PostgreSQL or PGlite, HTTP), MikroORM, the
 * real resolve move and registerResident; the incident and its call links are written through
 * the ORM (the incident service is built in parallel) and its end is handed to the scheduler as
 * the incident service does (IncidentListener.incidentEnded in a transaction). The monthly
 * sample races two instances (two MikroORM pools + jobs in this process) on PostgreSQL 15 (never
 * PGlite, which has one connection and cannot race). Faked: the platform's clock.
 */
import { ref } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../gateway/orm';
import { CallbackScheduler } from '../../schema/callbacks/callback-scheduler';
import { estateHourAfter } from '../../schema/callbacks/callback-timing';
import { estateDate } from '../../schema/residents/local-date';
import { PeriodicCallbackJob } from '../../schema/callbacks/periodic-callback.job';
import { WorkOrderStatus } from '../../schema/desk/work-orders/work-order.enums';
import { Building } from '../../schema/estate/buildings/building.entity';
import { Site } from '../../schema/estate/sites/site.entity';
import { Call } from '../../schema/hotline/calls/call.entity';
import { CallChannel } from '../../schema/hotline/calls/call-channel.enum';
import { Incident } from '../../schema/incidents/incident.entity';
import { IncidentKind, IncidentSource, IncidentStatus } from '../../schema/incidents/incident.enums';
import { Resident } from '../../schema/residents/resident.entity';
import { Staff } from '../../schema/staff/staff.entity';
import { buildResident, buildUnit, newPhone } from '../factories/residents.factory';
import { createWorkOrder, staffId } from '../factories/work-order.factory';
import { callbacksOf, gqlOk, recordCallback, residentOfHg, resolvedRequest } from '../support/callback-desk';
import { sharedDatabasePerTest } from '../support/outbox-instances';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { signInAll, type DemoAccount } from '../support/work-order-desk';

jest.setTimeout(180_000);

const HOUR = 3_600_000;
const TRANSITION = `mutation($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { id version status } }`;

describe('callback scheduling', () => {
  let platform: TestPlatform;
  let tokens: Record<DemoAccount, string>;
  // 10:00 Asia/Shanghai tomorrow: later than the real clock that opens the requests' work orders
  const start = estateHourAfter(new Date(), 1, 10).getTime();
  let clock = start;

  beforeAll(async () => {
    platform = await startTestPlatform({}, { overrides: { now: () => new Date(clock) } });
    tokens = await signInAll(platform);
  });
  afterAll(() => platform?.stop());

  it('a resolved repair of a known resident: one WORK_ORDER_RESOLVED callback, due at 10:00 the next day; resolving again does not double it', async () => {
    clock = start + 5 * HOUR; // 15:00
    const { residentId, workOrderId, version } = await resolvedRequest(platform, tokens);
    let rows = await callbacksOf(platform.orm, residentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reason: 'WORK_ORDER_RESOLVED', status: 'DUE', work_order_id: workOrderId });
    expect(rows[0].due_at.getTime()).toBe(start + 24 * HOUR);
    expect(rows[0].site_id).not.toBeNull();

    // sent back for rework and resolved again while the callback is still open
    const rework = await gqlOk<{ transitionWorkOrder: { version: number } }>(
      platform,
      tokens['hotline-manager'],
      TRANSITION,
      { input: { id: workOrderId, version, to: 'IN_PROGRESS', note: 'drips' } },
    );
    await gqlOk(platform, tokens.technician, TRANSITION, {
      input: { id: workOrderId, version: rework.transitionWorkOrder.version, to: 'RESOLVED' },
    });
    rows = await callbacksOf(platform.orm, residentId);
    expect(rows).toHaveLength(1);
  });

  it('a complaint gets a COMPLAINT callback (not a second WORK_ORDER_RESOLVED one)', async () => {
    const { residentId, workOrderId } = await resolvedRequest(platform, tokens, 'COMPLAINT');
    const rows = await callbacksOf(platform.orm, residentId);
    expect(rows.map((r) => [r.reason, r.work_order_id])).toEqual([['COMPLAINT', workOrderId]]);
  });

  it('a work order with no resident (an alert’s, a manual one) schedules nothing', async () => {
    const technicianId = await staffId(platform.orm, 'technician');
    const wo = await createWorkOrder(platform.orm, {
      status: WorkOrderStatus.IN_PROGRESS,
      assigneeId: technicianId,
      openedAt: new Date(clock - HOUR),
    });
    const moved = await gqlOk<{ transitionWorkOrder: { status: string } }>(platform, tokens.technician, TRANSITION, {
      input: { id: wo.id, version: wo.version, to: 'RESOLVED' },
    });
    expect(moved.transitionWorkOrder.status).toBe('RESOLVED');
    const [{ n }] = await platform.orm.em
      .fork()
      .execute<Array<{ n: number }>>('select count(*)::int as n from callback where work_order_id = ?', [wo.id]);
    expect(n).toBe(0);
  });

  it('a move-in (registerResident) schedules NEW_RESIDENT for 10:00 seven days later', async () => {
    const { unitId } = await residentOfHg(platform.orm, 'MOVE');
    const registered = await gqlOk<{ registerResident: { id: string } }>(
      platform,
      tokens.manager,
      `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`,
      { input: { name: '新住户', phone: newPhone(), unitId, relation: 'TENANT' } },
    );
    const rows = await callbacksOf(platform.orm, registered.registerResident.id);
    expect(rows.map((r) => r.reason)).toEqual(['NEW_RESIDENT']);
    expect(rows[0].due_at.getTime()).toBe(estateHourAfter(new Date(clock), 7, 10).getTime());
  });

  it('an incident’s end calls back every resident who called about it, once; a low score reopens the incident’s work order', async () => {
    const em = platform.orm.em.fork();
    const operatorId = await staffId(platform.orm, 'operator');
    const site = await em.findOneOrFail(Site, { code: 'HG' }, { filters: false });
    const residents = await Promise.all(['A', 'B', 'C', 'D'].map((t) => residentOfHg(platform.orm, `INC${t}`)));
    const [a, b, c, d] = residents.map((r) => em.getReference(Resident, r.residentId));
    const workOrder = await createWorkOrder(platform.orm, { status: WorkOrderStatus.RESOLVED });
    const incident = em.create(Incident, {
      number: `INC-CB-${Date.now()}`,
      title: 'B1 water off',
      kind: IncidentKind.WATER,
      source: IncidentSource.MANUAL,
      status: IncidentStatus.ACTIVE,
      startedAt: new Date(clock - 2 * HOUR),
      site,
      workOrder: em.getReference('WorkOrder', workOrder.id) as never,
    });
    const call = (matched: Resident[]) => {
      const c = em.create(Call, {
        channel: CallChannel.PHONE,
        phone: newPhone(),
        operator: ref(Staff, operatorId),
        site,
        startedAt: new Date(clock - HOUR),
      });
      c.matchedResidents.set(matched);
      incident.calls.add(c);
      return c;
    };
    call([a, b]); // one phone, two residents of the flat
    call([c]);
    call([c]); // called twice
    em.create(Call, {
      channel: CallChannel.PHONE,
      phone: newPhone(),
      operator: ref(Staff, operatorId),
      site,
      startedAt: new Date(clock),
    }).matchedResidents.add(d); // not about the incident
    await em.flush();

    const scheduler = platform.services.callbackScheduler;
    const end = () =>
      platform.orm.em.fork().transactional(async (tx) => {
        const loaded = await tx.findOneOrFail(Incident, { id: incident.id }, { filters: false });
        loaded.status = IncidentStatus.ENDED;
        loaded.endedAt = new Date(clock);
        await scheduler.incidentEnded(tx, loaded, new Date(clock));
      });
    await end();
    await end(); // a second end (a retry, another instance) adds nothing
    const all = await Promise.all(residents.map((r) => callbacksOf(platform.orm, r.residentId)));
    expect(all.map((rows) => rows.map((r) => [r.reason, r.incident_id, r.work_order_id]))).toEqual([
      [['INCIDENT_ENDED', incident.id, workOrder.id]],
      [['INCIDENT_ENDED', incident.id, workOrder.id]],
      [['INCIDENT_ENDED', incident.id, workOrder.id]],
      [],
    ]);
    expect(all[0][0].due_at.getTime()).toBe(estateHourAfter(new Date(clock), 1, 10).getTime());

    const recorded = await recordCallback(platform, tokens.operator, {
      id: all[2][0].id,
      reached: true,
      satisfaction: 1,
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordCallback.workOrder).toEqual({ id: workOrder.id, status: 'IN_PROGRESS' });
  });
});

describe('the monthly sample with two instances (PostgreSQL 15)', () => {
  const db = sharedDatabasePerTest();

  /** a site of its own: `old` residents living there since 2024, one who moved in last month, one called recently */
  const estate = async (orm: MikroORM, old: number, now: Date) => {
    const em = orm.em.fork();
    const site = em.create(Site, { code: `PS${Date.now().toString(36)}`.toUpperCase(), name: 'sample site' });
    const building = em.create(Building, { site, code: 'B1', name: 'sample building' });
    await em.flush();
    const unit = async () => (await buildUnit(orm, building.id)).id;
    const longStanding: string[] = [];
    for (let i = 0; i < old; i++) longStanding.push((await buildResident(orm, { unitIds: [await unit()] })).id);
    const newcomer = (await buildResident(orm, { unitIds: [await unit()] })).id;
    await em.execute(`update occupancy set since = ? where resident_id = ?`, [
      new Date(now.getTime() - 30 * 24 * HOUR).toISOString().slice(0, 10),
      newcomer,
    ]);
    const lateUnit = await unit();
    const calledLately = (await buildResident(orm, { unitIds: [lateUnit] })).id;
    // a NEW_RESIDENT callback made now: called within the last six months
    await em.transactional((tx) =>
      new CallbackScheduler().residentMovedIn(tx, calledLately, lateUnit, estateDate(now), now),
    );
    return { siteId: site.id, longStanding, newcomer, calledLately };
  };

  const periodicOf = async (orm: MikroORM, siteId: string) =>
    orm.em
      .fork()
      .execute<Array<{ resident_id: string; due_at: Date | string }>>(
        `select resident_id, due_at from callback where reason = 'PERIODIC' and site_id = ?`,
        [siteId],
      );

  it('draws the month once — the two instances race, a restart draws nothing — and the next month skips those called', async () => {
    const now = new Date('2026-12-03T04:00:00.000Z');
    const scheduler = new CallbackScheduler();
    const orms = await Promise.all([1, 2].map(() => MikroORM.init(ormOptions(db.url(), 4))));
    orms.forEach((orm) => db.track({ stop: () => orm.close(true) }));
    const { siteId, longStanding, newcomer, calledLately } = await estate(orms[0], 4, now);
    const job = (orm: MikroORM) =>
      new PeriodicCallbackJob(
        orm,
        scheduler,
        (e) => {
          throw e;
        },
        { perSite: 3, intervalMs: 0 },
      );

    const results = await Promise.all(orms.map((orm) => job(orm).runOnce(now)));
    expect(results.filter((r) => r === null)).toHaveLength(1); // the other found the month drawn
    expect(results.find((r) => r !== null)).toBeGreaterThan(0);
    const drawn = await periodicOf(orms[0], siteId);
    expect(drawn).toHaveLength(3);
    const ids = drawn.map((r) => r.resident_id);
    expect(ids.every((id) => longStanding.includes(id))).toBe(true);
    expect(ids).not.toContain(newcomer);
    expect(ids).not.toContain(calledLately);
    expect(new Date(drawn[0].due_at).toISOString()).toBe('2026-12-04T02:00:00.000Z');

    // a restart in the same month (a new job on a new pool) draws nothing
    expect(await job(orms[1]).runOnce(new Date(now.getTime() + 5 * 24 * HOUR))).toBeNull();
    expect(await periodicOf(orms[0], siteId)).toHaveLength(3);

    // next month: the one long-standing resident not called in the last six months
    await job(orms[1]).runOnce(new Date('2027-01-05T04:00:00.000Z'));
    const both = (await periodicOf(orms[0], siteId)).map((r) => r.resident_id);
    expect(both).toHaveLength(4);
    expect(new Set(both)).toEqual(new Set(longStanding));
    const [{ months }] = await orms[0].em
      .fork()
      .execute<Array<{ months: string }>>(
        `select string_agg(month, ',' order by month) as months from callback_sample`,
      );
    expect(months).toBe('2026-12,2027-01');
  });
});
