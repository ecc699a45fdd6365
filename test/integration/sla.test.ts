/**
 * SLA policies: the seeded table, SetSlaPolicy (as written in test/contract-service-desk.graphql)
 * with its roles and checks, deadlines taken from the policy of a request's category × priority at
 * the moment its work order opens, and a change that applies only to work orders opened afterwards.
 * Real: the platform over HTTP on the shared PostgreSQL; the request service is the platform's own
 * class, built here with a fixed clock so that deadlines are exact. Faked: only that clock.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../../schema/context';
import { FALLBACK_SLA } from '../../schema/desk/sla/sla.service';
import { WorkOrderOpening } from '../../schema/desk/work-orders/work-order-opening';
import { WorkOrderPriority } from '../../schema/desk/work-orders/work-order.enums';
import { scopeToSites } from '../../schema/estate/site-scope';
import { ServiceRequestService } from '../../schema/hotline/requests/service-request.service';
import { RequestCategory } from '../../schema/hotline/requests/service-request.enums';
import { Role } from '../../schema/staff/role.enum';
import { codeOf, run } from '../support/core-operations';
import { postGraphql } from '../support/graphql-client';
import { deskOp } from '../support/service-desk-operations';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('SLA policies', () => {
  let platform: TestPlatform;
  let manager: string;
  let supervisor: string;
  let operatorCaller: Caller;
  /** the clock the request service reads (the platform's own runs on real time) */
  let now = new Date('2026-11-29T02:00:00.000Z');
  let requests: ServiceRequestService;

  const sql = <T>(query: string, params: unknown[] = []) =>
    platform.orm.em.fork().getConnection().execute<T[]>(query, params);
  const policyOf = async (category: string, priority: string) =>
    (
      await sql<{ respond_minutes: number; resolve_minutes: number }>(
        'select respond_minutes, resolve_minutes from sla_policy where category = ? and priority = ?',
        [category, priority],
      )
    )[0];
  const deadlinesOf = async (workOrderId: string) =>
    (
      await sql<{ respond: string; resolve: string; due: string }>(
        `select (extract(epoch from respond_by) * 1000)::bigint::text as respond,
                (extract(epoch from resolve_by) * 1000)::bigint::text as resolve,
                (extract(epoch from due_at) * 1000)::bigint::text as due
           from work_order where id = ?`,
        [workOrderId],
      )
    )[0];
  /** the operator's unit of work, scoped as a request's is */
  const operatorEm = (): EntityManager => {
    const em = platform.orm.em.fork();
    scopeToSites(em, operatorCaller.siteIds, operatorCaller.staffId);
    return em;
  };
  const file = async (category: RequestCategory, priority: WorkOrderPriority) => {
    const request = await requests.create(operatorEm(), operatorCaller, {
      category,
      priority,
      description: 'sla test',
    });
    const [{ id }] = await sql<{ id: string }>('select id from work_order where service_request_id = ?', [request.id]);
    return id;
  };
  const setPolicy = (token: string, input: Record<string, unknown>) =>
    postGraphql<{ setSlaPolicy: Record<string, unknown> }, object>(
      platform.graphqlUrl,
      deskOp('SetSlaPolicy'),
      { input },
      token,
    );

  beforeAll(async () => {
    platform = await startTestPlatform();
    manager = await platform.login('manager');
    supervisor = await platform.login('supervisor');
    const [operator] = await sql<{ id: string; site_id: string }>(
      `select s.id, ss.site_id from staff s join staff_site ss on ss.staff_id = s.id where s.username = 'operator'`,
    );
    operatorCaller = {
      staffId: operator.id,
      sessionId: 'sla-test',
      role: Role.HOTLINE_OPERATOR,
      siteIds: [operator.site_id],
      expiresAt: Date.now() + 3600_000,
    };
    const { sla, relay, audit } = platform.services;
    requests = new ServiceRequestService(new WorkOrderOpening(sla), relay, audit, () => now);
  });
  afterAll(() => platform?.stop());

  it('every category × priority has a policy, readable by any signed-in role', async () => {
    const operator = await platform.login('operator');
    const result = await run<{ slaPolicies: Array<{ category: string; priority: string; respondMinutes: number }> }>(
      platform.graphqlUrl,
      'query { slaPolicies { category priority respondMinutes resolveMinutes } }',
      {},
      operator,
    );
    expect(result.slaPolicies).toHaveLength(20);
    expect(result.slaPolicies.slice(0, 4).map((p) => [p.category, p.priority])).toEqual([
      ['INQUIRY', 'URGENT'],
      ['INQUIRY', 'HIGH'],
      ['INQUIRY', 'NORMAL'],
      ['INQUIRY', 'LOW'],
    ]);
  });

  it('a work order’s deadlines are its opening time plus the policy of its category × priority, to the millisecond', async () => {
    for (const [category, priority] of [
      [RequestCategory.REPAIR, WorkOrderPriority.URGENT],
      [RequestCategory.COMPLAINT, WorkOrderPriority.NORMAL],
      [RequestCategory.BUSINESS, WorkOrderPriority.LOW],
    ] as const) {
      now = new Date(now.getTime() + 61_001);
      const policy = await policyOf(category, priority);
      const deadlines = await deadlinesOf(await file(category, priority));
      expect(deadlines).toEqual({
        respond: String(now.getTime() + policy.respond_minutes * 60_000),
        resolve: String(now.getTime() + policy.resolve_minutes * 60_000),
        due: String(now.getTime() + policy.respond_minutes * 60_000),
      });
    }
  });

  it('SetSlaPolicy (as written) applies to work orders opened afterwards; existing deadlines stay', async () => {
    now = new Date('2026-11-30T08:00:00.000Z');
    const before = await file(RequestCategory.REPAIR, WorkOrderPriority.HIGH);
    const old = await deadlinesOf(before);

    const set = await setPolicy(supervisor, {
      category: 'REPAIR',
      priority: 'HIGH',
      respondMinutes: 7,
      resolveMinutes: 77,
    });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setSlaPolicy).toEqual({
      category: 'REPAIR',
      priority: 'HIGH',
      respondMinutes: 7,
      resolveMinutes: 77,
    });
    const [audit] = await sql<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      `select before, after from audit_entry where action = 'slaPolicy.set' order by at desc limit 1`,
    );
    expect(audit.after).toMatchObject({ category: 'REPAIR', priority: 'HIGH', respondMinutes: 7, resolveMinutes: 77 });
    expect(audit.before).toMatchObject({ category: 'REPAIR', priority: 'HIGH' });
    expect(audit.before.respondMinutes).not.toBe(7);

    now = new Date(now.getTime() + 5 * 60_000);
    const after = await file(RequestCategory.REPAIR, WorkOrderPriority.HIGH);
    expect(await deadlinesOf(after)).toEqual({
      respond: String(now.getTime() + 7 * 60_000),
      resolve: String(now.getTime() + 77 * 60_000),
      due: String(now.getTime() + 7 * 60_000),
    });
    expect(await deadlinesOf(before)).toEqual(old); // not retroactive
  });

  it('only managers and supervisors set policies; minutes positive, resolve not before respond', async () => {
    const original = await policyOf('SUGGESTION', 'URGENT');
    for (const name of ['operator', 'hotline-manager', 'technician', 'relations']) {
      const refused = await setPolicy(await platform.login(name), {
        category: 'SUGGESTION',
        priority: 'URGENT',
        respondMinutes: 5,
        resolveMinutes: 10,
      });
      expect(codeOf(refused)).toBe('FORBIDDEN');
    }
    for (const [respondMinutes, resolveMinutes] of [
      [0, 10],
      [-5, 10],
      [30, 29],
      [10, 10_000_000],
    ]) {
      const bad = await setPolicy(manager, {
        category: 'SUGGESTION',
        priority: 'URGENT',
        respondMinutes,
        resolveMinutes,
      });
      expect({ respondMinutes, resolveMinutes, code: codeOf(bad) }).toEqual({
        respondMinutes,
        resolveMinutes,
        code: 'BAD_USER_INPUT',
      });
    }
    expect(await policyOf('SUGGESTION', 'URGENT')).toEqual(original);
    // equal minutes are allowed (respond and resolve in one visit)
    expect(
      (await setPolicy(manager, { category: 'SUGGESTION', priority: 'URGENT', respondMinutes: 30, resolveMinutes: 30 }))
        .errors,
    ).toBeUndefined();
  });

  it('a missing policy falls back to an hour and a day, and SetSlaPolicy creates it again', async () => {
    await sql(`delete from sla_policy where category = 'INQUIRY' and priority = 'LOW'`);
    now = new Date('2026-12-01T00:00:00.000Z');
    expect(await deadlinesOf(await file(RequestCategory.INQUIRY, WorkOrderPriority.LOW))).toMatchObject({
      respond: String(now.getTime() + FALLBACK_SLA.respondMinutes * 60_000),
      resolve: String(now.getTime() + FALLBACK_SLA.resolveMinutes * 60_000),
    });
    const created = await setPolicy(manager, {
      category: 'INQUIRY',
      priority: 'LOW',
      respondMinutes: 240,
      resolveMinutes: 2880,
    });
    expect(created.errors).toBeUndefined();
    expect(await policyOf('INQUIRY', 'LOW')).toEqual({ respond_minutes: 240, resolve_minutes: 2880 });
    const [audit] = await sql<{ before: unknown }>(
      `select before from audit_entry where action = 'slaPolicy.set' order by at desc limit 1`,
    );
    expect(audit.before).toBeNull();
  });
});
