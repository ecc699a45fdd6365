import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../common/app-error';
import { columnOfHeader } from './roster-columns';

/** A cell as a sheet holds it: text, a number, a date (an Excel date cell), or nothing. */
export type Cell = string | number | boolean | Date | null;

/** One row of a roster file, numbered as the user sees it (row 1 is the file's first line or row). */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** A roster file read into rows: the header row and the rows below it. */
export interface Sheet {
  headerRow: number;
  headers: string[];
  rows: SheetRow[];
}

export type RosterFormat = 'XLSX' | 'CSV';

/** `.xlsx` by its name or its zip signature ("PK\x03\x04"), anything else is read as CSV text. */
export function formatOf(filename: string, bytes: Buffer): RosterFormat {
  if (/\.xlsx$/i.test(filename)) return 'XLSX';
  if (/\.(csv|txt)$/i.test(filename)) return 'CSV';
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'XLSX';
  throw AppError.badInput(`${filename}: a roster is an .xlsx or a .csv file`, { filename });
}

/**
 * The text of a CSV file: UTF-8 (with or without a byte-order mark) when its bytes are valid
 * UTF-8, otherwise GBK (what Excel writes when a Chinese Windows saves "CSV"). GBK text is
 * practically never valid UTF-8, so the check tells the two apart without a guess.
 */
export function decodeCsvText(bytes: Buffer): { text: string; encoding: 'UTF-8' | 'GBK' } {
  const body = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(body, 'gbk'), encoding: 'GBK' };
  }
}

/** Reads a roster file (xlsx: its first worksheet) into rows; the row limit is checked as they are read. */
export async function readSheet(filename: string, bytes: Buffer, maxRows: number): Promise<Sheet> {
  const rows = formatOf(filename, bytes) === 'XLSX' ? await xlsxRows(bytes) : csvRows(bytes);
  const nonEmpty = rows.filter((r) => r.cells.some((c) => !isBlank(c)));
  if (!nonEmpty.length) throw AppError.badInput(`${filename} has no rows`, { filename });
  // sheets kept by hand often start with a title row ("XX小区住户名单") above the headers: the
  // header row is the first of the first 10 that names 3 known columns (else the first row)
  const known = (r: SheetRow) => r.cells.filter((c) => columnOfHeader(cellText(c)) !== null).length >= 3;
  const at = Math.max(0, nonEmpty.slice(0, 10).findIndex(known));
  const [header, ...data] = nonEmpty.slice(at);
  if (data.length > maxRows) {
    throw AppError.badInput(`${filename} has ${data.length} rows; an import takes at most ${maxRows}`, {
      rows: data.length,
      maxRows,
    });
  }
  return { headerRow: header.row, headers: header.cells.map((c) => cellText(c)), rows: data };
}

function csvRows(bytes: Buffer): SheetRow[] {
  const { text } = decodeCsvText(bytes);
  try {
    const records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
    // `lines` is the line the record ends on: the row a spreadsheet or an editor shows for it
    return records.map(({ record, info }) => ({ row: info.lines, cells: record.map(unescapeFormula) }));
  } catch (error) {
    throw AppError.badInput(`The CSV file cannot be read: ${(error as Error).message}`);
  }
}

async function xlsxRows(bytes: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw AppError.badInput(`The .xlsx file cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw AppError.badInput('The .xlsx file has no worksheet');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = plainValue(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  return rows;
}

/** An exceljs value as a plain cell: rich text, hyperlinks and formulas by their text or result. */
function plainValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return plainValue((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return null;
  return null;
}

/** What a spreadsheet reads as the start of a formula (OWASP "CSV injection"). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV field the export guarded with a leading `'` (roster-export.service.ts `csvField`: a
 * text starting like a formula) as it was: the `'` is taken off when a formula start follows it.
 */
export function unescapeFormula(field: string): string {
  return field.startsWith("'") && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field;
}

export function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell as text: numbers without exponent or trailing ".0" (a phone typed into a number cell). */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? BigInt(cell).toString() : String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}
