import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../common/app-error';
import { columnOfHeader } from './roster-columns';
import { checkUnzippedSize } from './roster-zip';

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

/** Rows above the header a sheet may have (a title block): the header is found among the first 10. */
const HEADER_SEARCH_ROWS = 10;

/** Thrown by the readers at the first non-empty row past the most a file within the limit can have. */
class OverRowLimit extends Error {}

/**
 * Reads a roster file (xlsx: its first worksheet) into rows. The row limit bounds the reading
 * itself, not only the answer: a file within it has at most `maxRows` data rows below a header
 * and a title block, so both readers stop at the first non-empty row past that many (an .xlsx
 * is read as a stream — its XML compresses so well that a few MiB can hold millions of rows —
 * after its parts are found to unpack to at most `maxUnzippedBytes`: roster-zip.ts).
 */
export async function readSheet(
  filename: string,
  bytes: Buffer,
  limits: { maxRows: number; maxUnzippedBytes: number },
): Promise<Sheet> {
  const { maxRows } = limits;
  const most = maxRows + HEADER_SEARCH_ROWS;
  const xlsx = formatOf(filename, bytes) === 'XLSX';
  if (xlsx) await checkUnzippedSize(bytes, limits.maxUnzippedBytes);
  let nonEmpty: SheetRow[];
  try {
    nonEmpty = xlsx ? await xlsxRows(bytes, most) : csvRows(bytes, most);
  } catch (error) {
    if (error instanceof OverRowLimit) throw tooManyRows(filename, maxRows);
    throw error;
  }
  if (!nonEmpty.length) throw AppError.badInput(`${filename} has no rows`, { filename });
  // sheets kept by hand often start with a title row ("XX小区住户名单") above the headers: the
  // header row is the first of the first 10 that names 3 known columns (else the first row)
  const known = (r: SheetRow) => r.cells.filter((c) => columnOfHeader(cellText(c)) !== null).length >= 3;
  const at = Math.max(0, nonEmpty.slice(0, HEADER_SEARCH_ROWS).findIndex(known));
  const [header, ...data] = nonEmpty.slice(at);
  if (data.length > maxRows) throw tooManyRows(filename, maxRows);
  return { headerRow: header.row, headers: header.cells.map((c) => cellText(c)), rows: data };
}

function tooManyRows(filename: string, maxRows: number): AppError {
  return AppError.badInput(`${filename} has more than ${maxRows} rows; an import takes at most ${maxRows}`, {
    maxRows,
  });
}

/** The non-empty records of a CSV file, at most `most` of them (OverRowLimit past that). */
function csvRows(bytes: Buffer, most: number): SheetRow[] {
  const { text } = decodeCsvText(bytes);
  let count = 0;
  try {
    // on_record sees each record as it is parsed: blank ones are dropped, and throwing stops the parse
    const rows: SheetRow[] = [];
    parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        const cells = record.map(unescapeFormula);
        if (cells.every(isBlank)) return null;
        if (++count > most) throw new OverRowLimit();
        // `lines` is the line the record ends on: the row a spreadsheet or an editor shows for it
        rows.push({ row: context.lines, cells });
        return null; // kept above, as a SheetRow: the parser's own list stays empty
      },
    });
    return rows;
  } catch (error) {
    if (error instanceof OverRowLimit) throw error;
    throw AppError.badInput(`The CSV file cannot be read: ${(error as Error).message}`);
  }
}

/** What the streaming reader knows of workbook.xml once read: the sheets in tab order. */
interface ReaderModel {
  model?: { sheets?: Array<{ name: string }> };
}

/**
 * The non-empty rows of an .xlsx file's first worksheet (the first tab), at most `most` of
 * them (OverRowLimit past that), read as a stream: exceljs's WorkbookReader inflates and parses
 * the sheet's XML as the rows are asked for, so stopping stops the reading.
 */
async function xlsxRows(bytes: Buffer, most: number): Promise<SheetRow[]> {
  const input = Readable.from([bytes]);
  // styles cached: a date cell is a number whose format says "date"
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const rows: SheetRow[] = [];
  let found = false;
  try {
    for await (const sheet of reader) {
      const first = (reader as unknown as ReaderModel).model?.sheets?.[0]?.name;
      if (first !== undefined && (sheet as unknown as { name: string }).name !== first) continue;
      found = true;
      for await (const row of sheet) {
        const cells: Cell[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = plainValue(cell.value);
        });
        const plain = Array.from(cells, (c) => c ?? null);
        if (plain.every(isBlank)) continue;
        if (rows.length >= most) throw new OverRowLimit();
        rows.push({ row: row.number, cells: plain });
      }
      break;
    }
  } catch (error) {
    if (error instanceof OverRowLimit) throw error;
    throw AppError.badInput(`The .xlsx file cannot be read: ${(error as Error).message}`);
  } finally {
    input.destroy();
  }
  if (!found) throw AppError.badInput('The .xlsx file has no worksheet');
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
