/**
 * A year of a service centre's work orders on the demo site, inserted with SQL for the work
 * order board scenario (scenarios/work-order-board.ts): most CLOSED, a few CANCELLED, the last
 * week's still open across OPEN / DISPATCHED / IN_PROGRESS / ON_HOLD / RESOLVED (and some
 * VERIFIED), each opened from a service request of a current resident (every eighth one
 * MANUAL, without a request), assigned to the site's technicians, with the history lines of
 * the path the lifecycle allows (schema/desk/work-orders/work-order-lifecycle.ts): 6 for a
 * closed one. Deadlines come from the SLA policies of its category and priority; the
 * escalation level is what the escalation job would have reached, so it has nothing to do.
 * Numbers come from the platform's sequences, so they never collide with the platform's own.
 */
import { Client } from 'pg';

/** technicians added beside the demo `technician`, sharing its password */
const EXTRA_TECHNICIANS = 10;
/** the newest this many are the open week; 3 of 4 of them still open */
const RECENT = 400;

export interface Centre {
  workOrders: number;
  transitions: number;
  serviceRequests: number;
  technicians: number;
  /** work orders of the bench still open (the platform's own open ones come on top) */
  open: number;
  ms: number;
}

export async function insertWorkOrderCentre(url: string, count: number, now: Date): Promise<Centre> {
  const started = Date.now();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const site = await client.query<{ id: string }>(`select id from site where code = 'HG'`);
    if (!site.rows[0]) throw new Error('the demo site HG is missing (DEMO=on seeds it)');
    const siteId = site.rows[0].id;
    const residents = await client.query<{ n: string }>(
      `select count(*) as n from occupancy o join unit u on u.id = o.unit_id join building b on b.id = u.building_id
       where b.site_id = $1 and o.until is null`,
      [siteId],
    );
    if (Number(residents.rows[0].n) === 0)
      throw new Error('the demo site has no current residents (DEMO=on seeds them)');
    await client.query('begin');
    await client.query(
      `insert into staff (id, version, username, name, role, password_hash, active, created_at)
       select gen_random_uuid(), 1, 'bench-tech-' || lpad(n::text, 2, '0'), 'Bench technician ' || n,
         role, password_hash, true, now()
       from staff, generate_series(1, ${EXTRA_TECHNICIANS}) as n where username = 'technician'`,
    );
    await client.query(
      `insert into staff_site (staff_id, site_id)
       select id, $1 from staff where username like 'bench-tech-%'`,
      [siteId],
    );
    await client.query(PLAN, [siteId, now, count, RECENT]);
    const plan = await client.query<{ open: string }>(
      `select count(*) filter (where status in ('OPEN','DISPATCHED','IN_PROGRESS','ON_HOLD','RESOLVED')) as open
       from bench_wo`,
    );
    const requests = await client.query(INSERT_REQUESTS, [siteId]);
    const workOrders = await client.query(INSERT_WORK_ORDERS, [siteId, now]);
    const transitions = await client.query(INSERT_TRANSITIONS);
    await client.query('commit');
    // as autovacuum would after an import: statistics fresh, visibility map set; then the
    // dirty pages written now, not in the middle of a later measurement
    for (const table of ['work_order', 'work_order_transition', 'service_request', 'staff', 'staff_site']) {
      await client.query(`vacuum analyze ${table}`);
    }
    await client.query('checkpoint');
    return {
      workOrders: workOrders.rowCount ?? 0,
      transitions: transitions.rowCount ?? 0,
      serviceRequests: requests.rowCount ?? 0,
      technicians: EXTRA_TECHNICIANS + 1,
      open: Number(plan.rows[0].open),
      ms: Date.now() - started,
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * One row per work order, newest first ($3 of them over the year before $2), every time of its
 * life computed once; the inserts below read it. Deterministic: every choice is arithmetic on i.
 * Times of open work orders are clamped before now, each step a minute after the one before.
 */
const PLAN = `
create temp table bench_wo on commit drop as
with occ as (
  select row_number() over (order by o.unit_id, o.resident_id) - 1 as k, o.unit_id, o.resident_id, u.code
  from occupancy o join unit u on u.id = o.unit_id join building b on b.id = u.building_id
  where b.site_id = $1 and o.until is null
),
techs as (
  select array_agg(id order by username) as ids from staff
  where role = 'TECHNICIAN' and active and (username = 'technician' or username like 'bench-tech-%')
),
people as (
  select (select id from staff where username = 'operator') as operator,
         (select id from staff where username = 'supervisor') as supervisor
),
g as (
  select i,
    $2::timestamptz - interval '10 minutes' - (i - 1) * interval '365 days' / $3::int
      - ((i * 7919) % 1800) * interval '1 second' as created_at,
    case when i <= $4::int and i % 4 <> 0
      then (array['OPEN','DISPATCHED','DISPATCHED','IN_PROGRESS','IN_PROGRESS','IN_PROGRESS','IN_PROGRESS',
                  'IN_PROGRESS','ON_HOLD','ON_HOLD','RESOLVED','RESOLVED','RESOLVED','OPEN','DISPATCHED'])[1 + i % 15]
      when i <= $4::int and i <= 120 then 'VERIFIED'
      when i % 50 = 0 then 'CANCELLED'
      else 'CLOSED' end as status,
    (array['URGENT','HIGH','HIGH','NORMAL','NORMAL','NORMAL','NORMAL','NORMAL','NORMAL','LOW'])[1 + (i / 3) % 10] as priority,
    (array['REPAIR','REPAIR','REPAIR','REPAIR','REPAIR','REPAIR','COMPLAINT','BUSINESS'])[1 + (i / 5) % 8] as category,
    i % 8 <> 0 as from_request,
    ((i * 37) % 80) / 100.0 + 0.4 as respond_share,
    ((i * 53) % 80) / 100.0 + 0.1 as resolve_share
  from generate_series(1, $3::int) as i
),
d as (
  select g.*, p.respond_minutes, p.resolve_minutes,
    g.created_at + p.respond_minutes * interval '1 minute' as respond_by,
    g.created_at + p.resolve_minutes * interval '1 minute' as resolve_by,
    least(g.created_at + p.respond_minutes * 0.2 * interval '1 minute', $2::timestamptz - interval '6 minutes') as dispatched_at,
    least(g.created_at + p.respond_minutes * g.respond_share * interval '1 minute', $2::timestamptz - interval '5 minutes') as started_at,
    least(g.created_at + (p.respond_minutes * g.respond_share + p.resolve_minutes * g.resolve_share) * interval '1 minute',
          $2::timestamptz - interval '3 minutes') as done_at
  from g join sla_policy p on p.category::text = g.category and p.priority::text = g.priority
)
select d.*,
  gen_random_uuid() as wo_id,
  case when d.from_request then gen_random_uuid() end as sr_id,
  'WO-' || to_char(d.created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' ||
    lpad(nextval('work_order_number_seq')::text, 6, '0') as wo_number,
  'SR-' || to_char(d.created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' ||
    lpad(nextval('service_request_number_seq')::text, 6, '0') as sr_number,
  (array['水管漏水 Leaking pipe','灯不亮 Light out','电梯异响 Lift noise','门禁失灵 Door entry fault',
         '下水道堵塞 Blocked drain','空调不制冷 Air conditioning not cooling','噪音投诉 Noise complaint',
         '办理门禁卡 Access card'])[1 + (d.i / 5) % 8] as subject,
  case when d.category = 'REPAIR' then (array['ENGINEERING','ENGINEERING','ENGINEERING','ENVIRONMENT','SECURITY'])[1 + d.i % 5]
       else 'CUSTOMER_SERVICE' end as department,
  occ.unit_id, occ.resident_id, occ.code as unit_code,
  case when d.status not in ('OPEN', 'CANCELLED') then t.ids[1 + d.i % array_length(t.ids, 1)] end as assignee_id,
  people.operator, people.supervisor,
  least(d.started_at + (d.done_at - d.started_at) / 2, $2::timestamptz - interval '4 minutes') as hold_at,
  least(d.done_at + interval '2 hours', $2::timestamptz - interval '2 minutes') as verified_at,
  case when d.status = 'CANCELLED' then d.dispatched_at
       else least(d.done_at + interval '1 day', $2::timestamptz - interval '1 minute') end as finished_at
from d
cross join techs t cross join people
join occ on occ.k = d.i % (select count(*) from occ)
`;

const INSERT_REQUESTS = `
insert into service_request (id, version, number, category, status, description, resident_id, unit_id, site_id,
  created_by_id, department, created_at, closed_at)
select sr_id, 1, sr_number, category::request_category,
  (case status when 'CLOSED' then 'CLOSED' when 'VERIFIED' then 'CLOSED' when 'CANCELLED' then 'CANCELLED' else 'OPEN' end)::service_request_status,
  subject || ' — ' || unit_code, resident_id, unit_id, $1, operator, department::department,
  created_at - interval '2 minutes',
  case when status in ('CLOSED', 'CANCELLED') then finished_at when status = 'VERIFIED' then verified_at end
from bench_wo where sr_id is not null`;

const INSERT_WORK_ORDERS = `
insert into work_order (id, version, number, title, status, priority, source, department, due_at, respond_by, resolve_by,
  responded_at, resolved_at, hold_started_at, finished_at, escalation_level, steps, service_request_id, unit_id,
  site_id, assignee_id, created_at, updated_at)
select wo_id, lines, wo_number, subject || ' — ' || unit_code, status::work_order_status,
  priority::work_order_priority, (case when from_request then 'SERVICE_REQUEST' else 'MANUAL' end)::work_order_source,
  department::department, respond_by, respond_by, resolve_by, responded_at, resolved_at,
  case when status = 'ON_HOLD' then hold_at end, finished,
  case when coalesce(resolved_at, case status when 'ON_HOLD' then hold_at when 'CANCELLED' then finished else $2 end) > resolve_by then 2
       when coalesce(responded_at, case status when 'CANCELLED' then finished else $2 end) > respond_by then 1
       else 0 end,
  '[]', sr_id, unit_id, $1, assignee_id, created_at, coalesce(finished, $2)
from (
  select *,
    case when status in ('IN_PROGRESS','ON_HOLD','RESOLVED','VERIFIED','CLOSED') then started_at end as responded_at,
    case when status in ('RESOLVED','VERIFIED','CLOSED') then done_at end as resolved_at,
    case when status in ('CLOSED','CANCELLED') then finished_at end as finished,
    case status when 'OPEN' then 1 when 'DISPATCHED' then 2 when 'IN_PROGRESS' then 3 when 'ON_HOLD' then 4
      when 'RESOLVED' then 4 when 'VERIFIED' then 5 when 'CANCELLED' then 2 else 6 end as lines
  from bench_wo
) w`;

/** Each work order's path, one line per move (who: operator opens, supervisor dispatches and checks, assignee works). */
const INSERT_TRANSITIONS = `
insert into work_order_transition (id, work_order_id, at, "from", "to", by_id, note)
select gen_random_uuid(), w.wo_id, s.at, s.from_status::work_order_status, s.to_status::work_order_status, s.by_id, s.note
from bench_wo w cross join lateral (values
  (w.created_at, null, 'OPEN', w.operator, '由服务请求创建 Opened from the request', true),
  (w.dispatched_at, 'OPEN', 'DISPATCHED', w.supervisor, null, w.status not in ('OPEN', 'CANCELLED')),
  (w.started_at, 'DISPATCHED', 'IN_PROGRESS', w.assignee_id, '已到现场 On site',
     w.status in ('IN_PROGRESS','ON_HOLD','RESOLVED','VERIFIED','CLOSED')),
  (w.hold_at, 'IN_PROGRESS', 'ON_HOLD', w.assignee_id, '等待配件 Waiting for parts', w.status = 'ON_HOLD'),
  (w.done_at, 'IN_PROGRESS', 'RESOLVED', w.assignee_id, '已处理 Fixed', w.status in ('RESOLVED','VERIFIED','CLOSED')),
  (w.verified_at, 'RESOLVED', 'VERIFIED', w.supervisor, '回访满意 Resident satisfied', w.status in ('VERIFIED','CLOSED')),
  (w.finished_at, 'VERIFIED', 'CLOSED', w.supervisor, null, w.status = 'CLOSED'),
  (w.finished_at, 'OPEN', 'CANCELLED', w.supervisor, '重复报修 Duplicate request', w.status = 'CANCELLED')
) as s(at, from_status, to_status, by_id, note, kept)
where s.kept`;
