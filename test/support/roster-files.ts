import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** incidents contract `ImportResidents`, verbatim. */
export const IMPORT_RESIDENTS = `mutation ImportResidents($input: ImportInput!) {
  importResidents(input: $input) { dryRun rows imported errors { row column message } }
}`;

export const EXPORT_RESIDENTS = `query ExportResidents($format: ExportFormat!, $headers: HeaderLanguage) {
  exportResidents(format: $format, headers: $headers) { filename contentBase64 rows }
}`;

export const EXPORT_UNITS = `query ExportUnits($format: ExportFormat!, $headers: HeaderLanguage) {
  exportUnits(format: $format, headers: $headers) { filename contentBase64 rows }
}`;

export interface ImportAnswer {
  importResidents: {
    dryRun: boolean;
    rows: number;
    imported: number;
    errors: Array<{ row: number; column: string | null; message: string }>;
  };
}

export type Grid = Array<Array<string | number | Date | null>>;

/** A CSV file of `grid` (RFC 4180 quoting), in UTF-8, UTF-8 with a byte-order mark, or GBK. */
export function csvBytes(grid: Grid, encoding: 'utf8' | 'utf8-bom' | 'gbk' = 'utf8'): Buffer {
  const field = (v: string | number | Date | null) => {
    const s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = grid.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const bytes = Buffer.from(text, 'utf8');
  return encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

/** An .xlsx file of `grid` in its first worksheet: numbers stay number cells, dates date cells. */
export async function xlsxBytes(grid: Grid): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('住户');
  sheet.addRows(grid);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rows of an exported .xlsx as text cells (for comparing with a CSV export). */
export async function xlsxGrid(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

/**
 * An .xlsx of `header` and `rows` tiny rows (a row number and a letter), written with exceljs's
 * streaming writer (fast, little memory). Its XML is repetitive: it compresses ~100 times.
 */
export async function xlsxOfManyRows(header: string[], rows: number): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => stream.on('end', resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('rows');
  sheet.addRow(header).commit();
  for (let i = 1; i <= rows; i++) sheet.addRow([i, 'x']).commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
