import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../schema/common/ids';
import type { DemoActor } from './demo-work-order-life';

/** A resident living in the demo estate now, with what a call from them is filed under. */
export interface DemoOccupant {
  residentId: string;
  phone: string;
  unitId: string;
  buildingCode: string;
  siteId: string;
}

/** One row of a table, by column name. */
export type Row = Record<string, unknown>;

/**
 * The rows of the demo year, by table, in the order they are inserted (foreign keys point to
 * earlier tables): an incident's work order comes before the incident, a request's after its
 * incident (`work_order:incident` and `work_order` are both the table `work_order`).
 */
export const INSERT_ORDER = [
  'call',
  'call_resident',
  'work_order:incident',
  'incident',
  'incident_building',
  'incident_unit',
  'call_incident',
  'service_request',
  'work_order',
  'work_order_transition',
  'notification',
  'callback',
  'callback_sample',
  'announcement',
  'announcement_building',
  'announcement_unit',
  'shift',
] as const;
export type RowBucket = (typeof INSERT_ORDER)[number];

/** What the planners of the demo year share: the estate, the staff, the clock, and the rows so far. */
export interface DemoYear {
  now: Date;
  random: () => number;
  siteId: string;
  /** the demo accounts' ids; `platform` is null (the platform made the move) */
  staff: Record<DemoActor, string | null>;
  occupants: DemoOccupant[];
  /** building ids of the demo site, by code */
  buildings: Map<string, string>;
  /** unit ids of the demo site, by building code */
  units: Map<string, string[]>;
  /** SLA minutes by `category/priority` */
  policies: Map<string, { respondMinutes: number; resolveMinutes: number }>;
  rows: Map<RowBucket, Row[]>;
  /** run once the rows have their numbers (a note that names another row's number) */
  numbered: Array<() => void>;
}

export function addRow(year: DemoYear, bucket: RowBucket, row: Row): Row {
  const list = year.rows.get(bucket);
  if (list) list.push(row);
  else year.rows.set(bucket, [row]);
  return row;
}

export { newId };

/** Reads the demo estate: null when the demo site, its residents or the demo accounts are missing. */
export async function loadDemoYear(em: EntityManager, now: Date, random: () => number): Promise<DemoYear | null> {
  const [site] = await em.execute<Array<{ id: string }>>(`select id from site where code = 'HG'`);
  if (!site) return null;
  const occupants = await em.execute<
    Array<{ resident_id: string; phone: string; unit_id: string; code: string; site_id: string }>
  >(
    `select o.resident_id, r.phone, o.unit_id, b.code, b.site_id
       from occupancy o join resident r on r.id = o.resident_id
       join unit u on u.id = o.unit_id join building b on b.id = u.building_id
      where o.until is null and b.site_id = ? order by o.created_at, o.id`,
    [site.id],
  );
  const staffRows = await em.execute<Array<{ id: string; username: string }>>(
    `select id, username from staff where username in ('operator', 'technician', 'supervisor', 'hotline-manager')`,
  );
  const staff = new Map(staffRows.map((s) => [s.username, s.id]));
  if (occupants.length === 0 || staff.size < 4) return null;
  const buildingRows = await em.execute<Array<{ id: string; code: string }>>(
    `select id, code from building where site_id = ?`,
    [site.id],
  );
  const unitRows = await em.execute<Array<{ id: string; code: string }>>(
    `select u.id, b.code from unit u join building b on b.id = u.building_id where b.site_id = ? order by u.id`,
    [site.id],
  );
  const units = new Map<string, string[]>();
  for (const u of unitRows) units.set(u.code, [...(units.get(u.code) ?? []), u.id]);
  const policyRows = await em.execute<
    Array<{ category: string; priority: string; respond_minutes: number; resolve_minutes: number }>
  >(`select category, priority, respond_minutes, resolve_minutes from sla_policy`);
  return {
    now,
    random,
    siteId: site.id,
    staff: {
      operator: staff.get('operator')!,
      technician: staff.get('technician')!,
      supervisor: staff.get('supervisor')!,
      'hotline-manager': staff.get('hotline-manager')!,
      platform: null,
    },
    occupants: occupants.map((o) => ({
      residentId: o.resident_id,
      phone: o.phone,
      unitId: o.unit_id,
      buildingCode: o.code,
      siteId: o.site_id,
    })),
    buildings: new Map(buildingRows.map((b) => [b.code, b.id])),
    units,
    policies: new Map(
      policyRows.map((p) => [
        `${p.category}/${p.priority}`,
        { respondMinutes: Number(p.respond_minutes), resolveMinutes: Number(p.resolve_minutes) },
      ]),
    ),
    rows: new Map(),
    numbered: [],
  };
}

/** Multi-row INSERTs of a table's rows, a few hundred rows a statement (under the parameter limit). */
export async function insertRows(em: EntityManager, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    for (const row of chunk) for (const column of columns) params.push(row[column]);
    await em.execute(head + chunk.map(() => tuple).join(', '), params, 'run');
  }
}

/** Numbers `rows` in the order of their `created_at` from `sequence`: `PREFIX-YYYYMMDD-NNNNNN`. */
export async function numberRows(
  em: EntityManager,
  rows: Row[],
  sequence: string,
  prefix: string,
  day: (at: Date) => string,
): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => (a.created_at as Date).getTime() - (b.created_at as Date).getTime());
  const numbers = await em.execute<Array<{ n: string }>>(
    `select nextval('${sequence}') as n from generate_series(1, ?) order by 1`,
    [sorted.length],
  );
  sorted.forEach((row, i) => {
    row.number = `${prefix}-${day(row.created_at as Date)}-${String(numbers[i].n).padStart(6, '0')}`;
  });
}
