import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** What a closing shift hands over: things someone still has to deal with. */
export enum OpenItemKind {
  UNACKNOWLEDGED_ALERT = 'UNACKNOWLEDGED_ALERT',
  ACTIVE_INCIDENT = 'ACTIVE_INCIDENT',
  OVERDUE_WORK_ORDER = 'OVERDUE_WORK_ORDER',
  OPEN_COMPLAINT = 'OPEN_COMPLAINT',
  DUE_CALLBACK = 'DUE_CALLBACK',
}

registerEnumType(OpenItemKind, { name: 'OpenItemKind' });

/**
 * One line of a handover, as it was when the shift closed (a copy, not a link that changes
 * later): the kind, the id of the alert, incident, work order, request or callback, and a
 * line a person reads. `refId` is null only on the "+N more" line of a source that had more
 * than it may list.
 */
@ObjectType()
export class OpenItem {
  @Field(() => OpenItemKind)
  kind!: OpenItemKind;

  @Field(() => ID, {
    nullable: true,
    description: 'The alert, incident, work order, request or callback; null on a "+N more" line.',
  })
  refId!: string | null;

  @Field()
  summary!: string;
}

/**
 * One kind of open item, read from live state. `siteIds` null: every site. Each source reads
 * with raw SQL in the closing's transaction and lists at most `MAX_ITEMS_PER_SOURCE` rows (see
 * `collectBounded`), so a closing costs one bounded statement per source.
 */
export interface OpenItemSource {
  readonly kind: OpenItemKind;
  collect(em: EntityManager, siteIds: readonly string[] | null, now: Date): Promise<OpenItem[]>;
}

/** A handover is read by a person: past this, a source says how many more there are. */
export const MAX_ITEMS_PER_SOURCE = 200;

/**
 * `column in (…)` for the caller's sites, with its parameters; null when the caller has no
 * site at all (nothing to hand over). `siteIds` null: every site (no condition).
 */
export function siteCondition(
  column: string,
  siteIds: readonly string[] | null,
): { sql: string; params: string[] } | null {
  if (siteIds === null) return { sql: 'true', params: [] };
  if (siteIds.length === 0) return null;
  return { sql: `${column} in (${siteIds.map(() => '?').join(', ')})`, params: [...siteIds] };
}

/**
 * Runs `sql` — which must select `ref_id`, `summary` and `count(*) over () as total` and have
 * no limit of its own — with a limit of `MAX_ITEMS_PER_SOURCE`, and adds a "+N more" line
 * when the window count says there were more.
 */
export async function collectBounded(
  em: EntityManager,
  kind: OpenItemKind,
  sql: string,
  params: unknown[],
): Promise<OpenItem[]> {
  const rows = await em.execute<Array<{ ref_id: string; summary: string; total: string | number }>>(
    `${sql} limit ${MAX_ITEMS_PER_SOURCE}`,
    params,
  );
  const items: OpenItem[] = rows.map((row) => ({ kind, refId: row.ref_id, summary: row.summary }));
  const total = rows.length ? Number(rows[0].total) : 0;
  if (total > rows.length) items.push({ kind, refId: null, summary: `+${total - rows.length} more` });
  return items;
}
