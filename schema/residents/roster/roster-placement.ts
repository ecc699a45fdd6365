import { newId } from '../../common/ids';
import type { RosterRow, RowError } from './roster-rows';

/** What the archive holds for an import (roster-import.service.ts `readArchive`). */
export interface ArchiveState {
  buildings: ReadonlyArray<{ id: string; code: string; site_code: string }>;
  units: ReadonlyArray<{ id: string; building_id: string; code: string; floor: number }>;
  /** residents with the file's phones, and the units each lives in now */
  residents: ReadonlyArray<{ id: string; phone: string; name: string; unit_ids: string[] | null }>;
}

/** The rows to insert, or the archive's reasons to refuse rows. */
export interface Placement {
  units: Array<{ id: string; building_id: string; code: string; floor: number }>;
  residents: Array<{ id: string; name: string; phone: string }>;
  /** `dated`: the row gave its `since` (else today is assumed: the move-in date is unknown) */
  occupancies: Array<{
    id: string;
    resident_id: string;
    unit_id: string;
    relation: string;
    since: string;
    dated: boolean;
  }>;
  errors: RowError[];
}

type Header = (column: 'site' | 'building' | 'unit' | 'floor' | 'phone') => string;

/**
 * Places each row in the archive, as `registerResident` would one after the other: the
 * building by its code among the caller's buildings (a site column tells apart buildings of
 * the same code on two sites), the unit by its code in the building (created, once, when the
 * row gives a floor; a floor that contradicts an existing unit's is a bad row), the resident by
 * phone (new phones create the resident with the first row's name), and a current occupancy of
 * the same unit by the same phone — in the archive or earlier in the file — is a bad row.
 */
export function placeRows(rows: readonly RosterRow[], state: ArchiveState, header: Header, today: string): Placement {
  const out: Placement = { units: [], residents: [], occupancies: [], errors: [] };
  const buildingsByCode = new Map<string, Array<{ id: string; site_code: string }>>();
  for (const b of state.buildings) {
    const key = b.code.toLowerCase();
    buildingsByCode.set(key, [...(buildingsByCode.get(key) ?? []), b]);
  }
  const units = new Map<string, { id: string; floor: number; row?: number }>();
  for (const u of state.units) units.set(`${u.building_id}/${u.code.toLowerCase()}`, { id: u.id, floor: u.floor });
  const residents = new Map<string, { id: string; livesIn: Map<string, number | null> }>();
  for (const r of state.residents) {
    residents.set(r.phone, { id: r.id, livesIn: new Map((r.unit_ids ?? []).map((u) => [u, null])) });
  }

  for (const row of rows) {
    const fail = (column: Parameters<Header>[0], message: string) =>
      out.errors.push({ row: row.row, column: header(column), message });
    const candidates = (buildingsByCode.get(row.building.toLowerCase()) ?? []).filter(
      (b) => !row.site || b.site_code.toLowerCase() === row.site.toLowerCase(),
    );
    if (candidates.length === 0) {
      fail('building', `no building ${row.building}${row.site ? ` on site ${row.site}` : ''} among your sites`);
      continue;
    }
    if (candidates.length > 1) {
      const sites = candidates.map((b) => b.site_code).join(', ');
      fail('building', `building ${row.building} exists on several sites (${sites}): add a site column`);
      continue;
    }
    const buildingId = candidates[0].id;
    const unitKey = `${buildingId}/${row.unit.toLowerCase()}`;
    let unit = units.get(unitKey);
    if (!unit) {
      if (row.floor === null) {
        fail('unit', `building ${row.building} has no unit ${row.unit}; give its floor to create it`);
        continue;
      }
      unit = { id: newId(), floor: row.floor, row: row.row };
      units.set(unitKey, unit);
      out.units.push({ id: unit.id, building_id: buildingId, code: row.unit, floor: row.floor });
    } else if (row.floor !== null && row.floor !== unit.floor) {
      const where = unit.row ? `row ${unit.row} puts it` : 'it is';
      fail('floor', `unit ${row.unit} of building ${row.building}: ${where} on floor ${unit.floor}, not ${row.floor}`);
      continue;
    }
    let resident = residents.get(row.phone);
    if (resident?.livesIn.has(unit.id)) {
      const earlier = resident.livesIn.get(unit.id);
      fail(
        'phone',
        earlier
          ? `repeats row ${earlier}: the same phone in unit ${row.unit} of building ${row.building}`
          : `this phone's resident already lives in unit ${row.unit} of building ${row.building}`,
      );
      continue;
    }
    if (!resident) {
      resident = { id: newId(), livesIn: new Map() };
      residents.set(row.phone, resident);
      out.residents.push({ id: resident.id, name: row.name, phone: row.phone });
    }
    resident.livesIn.set(unit.id, row.row);
    out.occupancies.push({
      id: newId(),
      resident_id: resident.id,
      unit_id: unit.id,
      relation: row.relation,
      since: row.since ?? today,
      dated: row.since !== null,
    });
  }
  return out;
}
