import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.service';
import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import { estateDate } from '../local-date';
import type { MoveListener } from '../resident.service';
import { checkRow, mapColumns, type RosterRow, type RowError } from './roster-rows';
import { readSheet } from './roster-file';
import { placeRows, type ArchiveState } from './roster-placement';

export interface ImportLimits {
  /** the largest `contentBase64` accepted, in characters */
  maxBase64Chars: number;
  /** the most data rows one file may have */
  maxRows: number;
  /** the most an .xlsx file's parts may unpack to together (roster-zip.ts) */
  maxUnzippedBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBase64Chars: 10 * 1024 * 1024,
  maxRows: 50_000,
  maxUnzippedBytes: 128 * 1024 * 1024,
};

export interface ImportOutcome {
  dryRun: boolean;
  rows: number;
  imported: number;
  errors: RowError[];
}

/**
 * incidents contract `ImportResidents`: a roster file (.xlsx or .csv, UTF-8 or GBK, Chinese or
 * English headers: roster-columns.ts) checked whole before anything is written. A dry run, or
 * a file with any bad row, writes nothing and lists every bad row. Otherwise every row is
 * imported in one transaction with `registerResident`'s rules (resident.service.ts): the phone
 * is the person (a known phone gains an occupancy, its archived name stays), a current
 * occupancy of the same unit by the same person is a bad row; a unit the building lacks is
 * created when the row gives its floor. The rows are written with one statement per table
 * (units, residents, occupancies), not one per row, and one audit row describes the import.
 * The move-ins get their NEW_RESIDENT callbacks as at the desk, by the same rule (a recent
 * `since` only: schema/callbacks/callback-move-ins.ts), with one more statement; a row that
 * gives no `since` gets none.
 */
export class RosterImportService {
  constructor(
    private readonly audit: AuditLog,
    private readonly limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
    private readonly now: () => Date = () => new Date(),
    /** schedules the imported move-ins' callbacks, in the import's transaction (schema/callbacks/) */
    private readonly moves: Pick<MoveListener, 'residentsMovedIn'> | null = null,
  ) {}

  async import(
    em: EntityManager,
    caller: Caller,
    input: { filename: string; contentBase64: string; dryRun: boolean },
  ): Promise<ImportOutcome> {
    if (input.contentBase64.length > this.limits.maxBase64Chars) {
      throw AppError.badInput(`The file is larger than ${this.limits.maxBase64Chars} base64 characters`, {
        maxBase64Chars: this.limits.maxBase64Chars,
      });
    }
    const bytes = Buffer.from(input.contentBase64, 'base64');
    const sheet = await readSheet(input.filename, bytes, this.limits);
    const { columns, errors } = mapColumns(sheet);
    const outcome = (imported: number, errs: RowError[]): ImportOutcome => ({
      dryRun: input.dryRun,
      rows: sheet.rows.length,
      imported,
      errors: errs.sort((a, b) => a.row - b.row),
    });
    if (errors.length) return outcome(0, errors);
    const checked: RosterRow[] = [];
    for (const { row, cells } of sheet.rows) {
      const { value, errors: rowErrors } = checkRow(row, cells, columns);
      errors.push(...rowErrors);
      if (value) checked.push(value);
    }
    const header = (column: 'site' | 'building' | 'unit' | 'floor' | 'phone') => columns.get(column)?.header ?? column;
    const today = estateDate(this.now());

    return em.transactional(async (tx) => {
      const state = await readArchive(tx, caller.siteIds, checked);
      const plan = placeRows(checked, state, header, today);
      errors.push(...plan.errors);
      if (errors.length || input.dryRun) return outcome(0, errors);
      if (!plan.occupancies.length) return outcome(0, errors);
      try {
        await insertJson(tx, 'unit', plan.units, '(id uuid, building_id uuid, code text, floor int)', {
          columns: 'id, version, building_id, code, floor, created_at',
          select: 'id, 1, building_id, code, floor, now()',
        });
        await insertJson(tx, 'resident', plan.residents, '(id uuid, name text, phone text)', {
          columns: 'id, version, name, phone, tags, created_at',
          select: "id, 1, name, phone, '{}', now()",
        });
        await insertJson(
          tx,
          'occupancy',
          plan.occupancies,
          '(id uuid, resident_id uuid, unit_id uuid, relation text, since date)',
          {
            columns: 'id, resident_id, unit_id, relation, since, created_at',
            select: 'id, resident_id, unit_id, relation::resident_relation, since, now()',
          },
        );
      } catch (error) {
        // another import or a registration at the desk took the same phone or unit meanwhile
        if (error instanceof UniqueConstraintViolationException) {
          throw AppError.conflict('The archive changed during the import (the same phone or unit); import again');
        }
        throw error;
      }
      // a row without `since` says nothing of when they moved in (a roster of an estate taken
      // over): no move-in callback for it
      const dated = plan.occupancies.filter((o) => o.dated);
      const callbacksScheduled = (await this.moves?.residentsMovedIn(tx, dated, this.now())) ?? 0;
      this.audit.record(tx, caller, {
        action: 'resident.import',
        entityType: 'Occupancy',
        // the import's row is keyed by its first occupancy (an import has no row of its own)
        entityId: plan.occupancies[0].id,
        before: null,
        after: {
          id: plan.occupancies[0].id,
          filename: input.filename,
          rows: sheet.rows.length,
          imported: plan.occupancies.length,
          unitsCreated: plan.units.length,
          residentsCreated: plan.residents.length,
          callbacksScheduled,
        },
      });
      await tx.flush();
      return outcome(plan.occupancies.length, errors);
    });
  }
}

/**
 * What the archive already holds for these rows, read with three statements: the caller's
 * buildings (every site for an unscoped caller), their units, the residents with these phones
 * (across every site: the phone is the person, as in `registerResident`) and which units those
 * residents live in now.
 */
async function readArchive(
  em: EntityManager,
  siteIds: readonly string[] | null,
  rows: readonly RosterRow[],
): Promise<ArchiveState> {
  const buildings = await em.execute<Array<{ id: string; code: string; site_code: string }>>(
    `select b.id, b.code, s.code as site_code from building b join site s on s.id = b.site_id
      where ?::jsonb is null or b.site_id::text in (select jsonb_array_elements_text(?::jsonb))`,
    [siteIds ? JSON.stringify(siteIds) : null, siteIds ? JSON.stringify(siteIds) : null],
  );
  const units = buildings.length
    ? await em.execute<Array<{ id: string; building_id: string; code: string; floor: number }>>(
        `select u.id, u.building_id, u.code, u.floor from unit u
          where u.building_id::text in (select jsonb_array_elements_text(?::jsonb))`,
        [JSON.stringify(buildings.map((b) => b.id))],
      )
    : [];
  const phones = [...new Set(rows.map((r) => r.phone))];
  const residents = phones.length
    ? await em.execute<Array<{ id: string; phone: string; name: string; unit_ids: string[] | null }>>(
        `select r.id, r.phone, r.name,
                (select array_agg(o.unit_id::text) from occupancy o where o.resident_id = r.id and o.until is null) as unit_ids
           from resident r where r.phone in (select jsonb_array_elements_text(?::jsonb))`,
        [JSON.stringify(phones)],
      )
    : [];
  return { buildings, units, residents };
}

/** One `insert … select from jsonb_to_recordset` for all the rows of a table (none: no statement). */
async function insertJson(
  em: EntityManager,
  table: string,
  rows: readonly object[],
  recordType: string,
  shape: { columns: string; select: string },
): Promise<void> {
  if (!rows.length) return;
  await em.execute(
    `insert into "${table}" (${shape.columns}) select ${shape.select} from jsonb_to_recordset(?::jsonb) as x${recordType}`,
    [JSON.stringify(rows)],
  );
}
