import { AppError } from '../../common/app-error';
import { normalisePhone } from '../phone';
import type { ResidentRelation } from '../resident-relation.enum';
import { REQUIRED_COLUMNS, ROSTER_HEADERS, columnOfHeader, relationOf, type RosterColumn } from './roster-columns';
import { cellText, isBlank, type Cell, type Sheet } from './roster-file';

/** A bad row: its number as the user sees it, the column as its header says, and why. */
export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

/** A row that passed the checks a row can make on its own (the archive's checks come after). */
export interface RosterRow {
  row: number;
  site: string | null;
  building: string;
  unit: string;
  floor: number | null;
  name: string;
  phone: string;
  relation: ResidentRelation;
  /** YYYY-MM-DD, or null: today */
  since: string | null;
}

/** Where each known column is in the sheet, and the header the user wrote for it. */
export type ColumnMap = Map<RosterColumn, { index: number; header: string }>;

/** The sheet's columns; a missing required column, or one named twice, makes the whole file bad. */
export function mapColumns(sheet: Sheet): { columns: ColumnMap; errors: RowError[] } {
  const columns: ColumnMap = new Map();
  const errors: RowError[] = [];
  sheet.headers.forEach((header, index) => {
    const column = columnOfHeader(header);
    if (!column) return;
    const taken = columns.get(column);
    if (taken) {
      errors.push({ row: sheet.headerRow, column: header, message: `names the same column as "${taken.header}"` });
    } else {
      columns.set(column, { index, header });
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.has(column)) {
      errors.push({
        row: sheet.headerRow,
        column: null,
        message: `no ${column} column (a header "${ROSTER_HEADERS.ZH[column]}" or "${ROSTER_HEADERS.EN[column]}")`,
      });
    }
  }
  return { columns, errors };
}

const MAX_LENGTH: Partial<Record<RosterColumn, number>> = { site: 64, building: 64, unit: 32, name: 100 };

/** Checks one row on its own: every problem of the row is reported, not only the first. */
export function checkRow(
  row: number,
  cells: readonly Cell[],
  columns: ColumnMap,
): { value: RosterRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (column: RosterColumn, message: string) => {
    errors.push({ row, column: columns.get(column)?.header ?? column, message });
  };
  const cell = (column: RosterColumn): Cell => {
    const at = columns.get(column);
    return at ? (cells[at.index] ?? null) : null;
  };
  const text = (column: RosterColumn, required: boolean): string | null => {
    const value = cell(column);
    if (isBlank(value)) {
      if (required) fail(column, 'is empty');
      return null;
    }
    const s = cellText(value);
    const max = MAX_LENGTH[column];
    if (max && s.length > max) fail(column, `is longer than ${max} characters`);
    return s;
  };

  const site = text('site', false);
  const building = text('building', true);
  const unit = text('unit', true);
  const name = text('name', true);
  const floor = floorOf(cell('floor'), (m) => fail('floor', m));
  let phone: string | null = null;
  const phoneText = text('phone', true);
  if (phoneText !== null && /^\d(\.\d+)?e\+?\d+$/i.test(phoneText)) {
    // Excel re-saving a CSV writes long numbers as 1.38123E+10: the digits are lost, not a phone
    fail('phone', `"${phoneText}" is a number in scientific notation: format the column as text in Excel`);
  } else if (phoneText !== null) {
    try {
      phone = normalisePhone(phoneText);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      fail('phone', `"${phoneText}": ${error.message.toLowerCase()}`);
    }
  }
  let relation: ResidentRelation | null = null;
  const relationText = text('relation', true);
  if (relationText !== null) {
    relation = relationOf(relationText);
    if (!relation) fail('relation', `"${relationText}" is not one of OWNER, TENANT, FAMILY (业主, 租户, 家属)`);
  }
  const since = sinceOf(cell('since'), (m) => fail('since', m));

  if (errors.length || !building || !unit || !name || !phone || !relation) return { value: null, errors };
  return { value: { row, site, building, unit, floor, name, phone, relation, since }, errors };
}

function floorOf(value: Cell, fail: (message: string) => void): number | null {
  if (isBlank(value)) return null;
  const s = cellText(value).replace(/[层fF]$/u, '');
  if (!/^-?\d{1,3}$/.test(s)) {
    fail(`"${cellText(value)}" is not a floor number`);
    return null;
  }
  return Number(s);
}

/** 1899-12-30: Excel's day 0 (its serial numbers count days from there, 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A move-in date: an Excel date cell, an Excel serial number (a date cell saved without its
 * format), or text YYYY-MM-DD (also YYYY/M/D and YYYY.M.D, as Chinese sheets type it).
 */
function sinceOf(value: Cell, fail: (message: string) => void): string | null {
  if (isBlank(value)) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10); // exceljs reads date cells as UTC midnight
  if (typeof value === 'number') {
    if (!(value >= 1 && value < 2958466)) {
      fail(`${value} is not a date`);
      return null;
    }
    return new Date(EXCEL_EPOCH_MS + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  }
  const s = cellText(value);
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  const date = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : null;
  if (!date || Number.isNaN(Date.parse(date)) || new Date(date).toISOString().slice(0, 10) !== date) {
    fail(`"${s}" is not a date (YYYY-MM-DD)`);
    return null;
  }
  return date;
}
