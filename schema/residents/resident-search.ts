import { raw, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { phoneDigitsOfSearch } from './phone';
import type { Resident } from './resident.entity';

/** A phone search needs this many digits: fewer would match a large part of the archive. */
export const MIN_SEARCH_DIGITS = 4;

export interface ResidentQuery {
  where: FilterQuery<Resident>;
  orderBy: Array<QueryOrderMap<Resident>>;
}

/**
 * The residents a search names (service-desk contract `Residents`): part of a name
 * (case-insensitive), 4 or more digits anywhere in a phone number, or part of the code of a unit
 * they live or lived in. Best match first — an exact name, phone or unit code, then a name that
 * starts with the search or a phone that ends with it (callers give the last digits), then the
 * rest — then by name.
 *
 * Each kind of match is its own branch of a `union` on its trigram index (migration
 * Migration20261129011652: GIN gin_trgm_ops on resident.name, resident.phone, unit.code), so
 * PostgreSQL can answer each from its index. pg_trgm narrows only with 3 or more characters
 * that are letters or digits in the database's locale: shorter fragments (a 2-character Chinese
 * name such as "张伟") and, under the C ctype, CJK characters at all, are answered by the same
 * substring match over the whole column (a scan of it), which is still exact. `siteIds`: the
 * caller's sites (null: every site), for the unit-code branch. The ids are an
 * `in (…)` condition of a normal find, so the site filters (schema/estate/site-scope.ts) apply.
 */
export function residentQuery(search: string | null | undefined, siteIds: readonly string[] | null): ResidentQuery {
  const text = (search ?? '').trim();
  if (!text) return { where: {}, orderBy: [{ name: 'asc' }, { id: 'asc' }] };

  const digits = phoneDigitsOfSearch(text);
  const phone = digits !== null && digits.length >= MIN_SEARCH_DIGITS ? digits : null;
  const byName = digits === null; // a search of digits names no one
  const pattern = `%${escapeLike(text)}%`;

  const branches: string[] = [];
  const params: string[] = [];
  if (phone) {
    branches.push('select r.id from resident r where r.phone like ?');
    params.push(`%${phone}%`);
  }
  if (byName) {
    branches.push('select r.id from resident r where r.name ilike ?');
    params.push(pattern);
  }
  // a scoped caller matches unit codes of their own sites only: a match through another site's
  // unit would tell them where someone they may see also lives
  if (siteIds === null) {
    branches.push('select o.resident_id from occupancy o join unit u on u.id = o.unit_id where u.code ilike ?');
    params.push(pattern);
  } else if (siteIds.length > 0) {
    branches.push(
      `select o.resident_id from occupancy o join unit u on u.id = o.unit_id join building b on b.id = u.building_id
        where u.code ilike ? and b.site_id in (${siteIds.map(() => '?').join(', ')})`,
    );
    params.push(pattern, ...siteIds);
  }

  const exact: string[] = [];
  const close: string[] = [];
  const rankParams: Array<string | number> = [];
  const exactParams: Array<string | number> = [];
  if (byName) {
    exact.push('lower(a.name) = lower(?)');
    exactParams.push(text);
    close.push('starts_with(lower(a.name), lower(?))');
    rankParams.push(text);
  }
  if (phone) {
    exact.push('a.phone = ?');
    exactParams.push(phone);
    close.push('right(a.phone, ?) = ?');
    rankParams.push(phone.length, phone);
  }
  exact.push(
    'exists (select 1 from occupancy o join unit u on u.id = o.unit_id where o.resident_id = a.id and lower(u.code) = lower(?))',
  );
  exactParams.push(text);
  const rank = raw(
    (alias) =>
      `case when ${exact.join(' or ')} then 0 when ${close.length ? close.join(' or ') : 'false'} then 1 else 2 end`.replace(
        /\ba\./g,
        `${alias}.`,
      ),
    [...exactParams, ...rankParams],
  );
  return {
    where: { id: { $in: raw(branches.join(' union '), params) } } as FilterQuery<Resident>,
    orderBy: [{ [rank]: 'asc' } as QueryOrderMap<Resident>, { name: 'asc' }, { id: 'asc' }],
  };
}

/** `text` as a literal inside a LIKE pattern (backslash is PostgreSQL's default escape). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
