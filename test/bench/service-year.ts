/**
 * A year of a service centre's hotline on the demo site, for the KPI scenario (scenarios/kpis.ts):
 * the work orders of work-order-centre.ts (inserted unless an earlier scenario did), and with
 * them the calls (one row each, taken by the demo operator and a few bench operators), the
 * requests answered on the spot that open no work order (inquiries, suggestions, complaints), and
 * some incidents. Deterministic: every choice is arithmetic on i; times spread evenly over the
 * year before `now`.
 */
import { Client } from 'pg';
import { insertWorkOrderCentre } from './work-order-centre';

/** operators added beside the demo `operator`, sharing its password */
const EXTRA_OPERATORS = 5;

export interface ServiceYear {
  calls: number;
  requests: number;
  workOrders: number;
  incidents: number;
  operators: number;
  ms: number;
}

export async function insertServiceYear(
  url: string,
  size: { calls: number; requests: number; workOrders: number; incidents: number },
  now: Date,
): Promise<ServiceYear> {
  const started = Date.now();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const benchTechs = await client.query<{ n: string }>(
      `select count(*) as n from staff where username like 'bench-tech-%'`,
    );
    // the work order board (run before in the same platform) inserted the same year already
    if (Number(benchTechs.rows[0].n) === 0) await insertWorkOrderCentre(url, size.workOrders, now);
    const site = await client.query<{ id: string }>(`select id from site where code = 'HG'`);
    const siteId = site.rows[0].id;
    await client.query('begin');
    await client.query(
      `insert into staff (id, version, username, name, role, password_hash, active, created_at)
       select gen_random_uuid(), 1, 'bench-op-' || lpad(n::text, 2, '0'), 'Bench operator ' || n,
         role, password_hash, true, now()
       from staff, generate_series(1, ${EXTRA_OPERATORS}) as n where username = 'operator'`,
    );
    await client.query(
      `insert into staff_site (staff_id, site_id) select id, $1 from staff where username like 'bench-op-%'`,
      [siteId],
    );
    const year = `$2::timestamptz - interval '5 minutes' - (i - 1) * interval '365 days' / $3::int - ((i * 7919) % 1800) * interval '1 second'`;
    const operators = `(select array_agg(id order by username) from staff where username = 'operator' or username like 'bench-op-%')`;
    const calls = await client.query(
      `insert into call (id, version, channel, phone, operator_id, site_id, started_at, ended_at, summary)
       select gen_random_uuid(), 1, (case when i % 10 = 0 then 'WECHAT' else 'PHONE' end)::call_channel,
         '139' || lpad((i % 100000000)::text, 8, '0'), ops[1 + i % array_length(ops, 1)], $1, t, t + (60 + i % 600) * interval '1 second',
         'bench call'
       from (select i, ${year} as t, ${operators} as ops from generate_series(1, $3::int) as i) g`,
      [siteId, now, size.calls],
    );
    const existing = await client.query<{ n: string }>(`select count(*) as n from service_request where site_id = $1`, [
      siteId,
    ]);
    const more = Math.max(0, size.requests - Number(existing.rows[0].n));
    await client.query(
      `insert into service_request (id, version, number, category, status, description, answer, site_id, created_by_id,
         created_at, closed_at)
       select gen_random_uuid(), 1,
         'SR-' || to_char(t at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(nextval('service_request_number_seq')::text, 6, '0'),
         (array['INQUIRY','INQUIRY','INQUIRY','SUGGESTION','COMPLAINT'])[1 + i % 5]::request_category,
         'CLOSED'::service_request_status, '咨询 Inquiry', '已答复 Answered', $1, ops[1 + i % array_length(ops, 1)],
         t, t + interval '3 minutes'
       from (select i, ${year} as t, ${operators} as ops from generate_series(1, $3::int) as i) g`,
      [siteId, now, more],
    );
    const incidents = await client.query(
      `insert into incident (id, version, number, title, kind, status, source, planned, started_at, ended_at, site_id, created_at)
       select gen_random_uuid(), 1, 'INC-BENCH-' || lpad(i::text, 4, '0'), '停水 Water stop',
         (array['WATER','ELECTRIC','HEATING','OTHER'])[1 + i % 4]::incident_kind, 'ENDED'::incident_status,
         (case when i % 3 = 0 then 'PLANNED' else 'ALERT' end)::incident_source, i % 3 = 0, t, t + interval '3 hours', $1, t
       from (select i, ${year} as t from generate_series(1, $3::int) as i) g`,
      [siteId, now, size.incidents],
    );
    await client.query('commit');
    for (const table of ['call', 'service_request', 'incident', 'staff', 'staff_site'])
      await client.query(`vacuum analyze ${table}`);
    await client.query('checkpoint');
    const wo = await client.query<{ n: string }>(`select count(*) as n from work_order where site_id = $1`, [siteId]);
    const sr = await client.query<{ n: string }>(`select count(*) as n from service_request where site_id = $1`, [
      siteId,
    ]);
    return {
      calls: calls.rowCount ?? 0,
      requests: Number(sr.rows[0].n),
      workOrders: Number(wo.rows[0].n),
      incidents: incidents.rowCount ?? 0,
      operators: EXTRA_OPERATORS + 1,
      ms: Date.now() - started,
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
