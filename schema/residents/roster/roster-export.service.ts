import type { EntityManager } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import type { Caller } from '../../context';
import { estateDate } from '../local-date';
import { phoneFor } from '../phone';
import type { ResidentRelation } from '../resident-relation.enum';
import { RELATION_LABELS, ROSTER_HEADERS } from './roster-columns';
import { FORMULA_START } from './roster-file';
import { ExportFormat, HeaderLanguage, type ExportFile } from './roster.inputs';

type Row = Array<string | number | null>;

const UNIT_HEADERS: Record<HeaderLanguage, string[]> = {
  ZH: ['小区', '楼栋', '房号', '楼层', '面积', '用途'],
  EN: ['site', 'building', 'unit', 'floor', 'areaM2', 'use'],
};

/**
 * The roster and the unit list as files, for the caller's sites only. The residents' export
 * has the import's columns (roster-columns.ts), so a file exported by a role that reads phones
 * in full imports again as it is; roles that see phones masked (phone.ts `phoneFor`) get them
 * masked in the file too. Only current occupancies are exported.
 */
export class RosterExportService {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async residents(
    em: EntityManager,
    caller: Caller,
    format: ExportFormat,
    headers: HeaderLanguage,
  ): Promise<ExportFile> {
    const rows = await em.execute<
      Array<{
        site: string;
        building: string;
        unit: string;
        floor: number;
        name: string;
        phone: string;
        relation: ResidentRelation;
        since: string;
      }>
    >(
      `select s.code as site, b.code as building, u.code as unit, u.floor, r.name, r.phone, o.relation::text as relation,
              to_char(o.since, 'YYYY-MM-DD') as since
         from occupancy o join resident r on r.id = o.resident_id join unit u on u.id = o.unit_id
         join building b on b.id = u.building_id join site s on s.id = b.site_id
        where o.until is null and (${siteCondition(caller)})
        order by s.code, b.code, u.floor, u.code, r.name, r.id`,
      siteParams(caller),
    );
    const h = ROSTER_HEADERS[headers];
    const labels = RELATION_LABELS[headers];
    const table: Row[] = [[h.site, h.building, h.unit, h.floor, h.name, h.phone, h.relation, h.since]];
    for (const r of rows) {
      table.push([
        r.site,
        r.building,
        r.unit,
        r.floor,
        r.name,
        phoneFor(caller.role, r.phone),
        labels[r.relation],
        r.since,
      ]);
    }
    return this.file('residents', format, table);
  }

  async units(em: EntityManager, caller: Caller, format: ExportFormat, headers: HeaderLanguage): Promise<ExportFile> {
    const rows = await em.execute<
      Array<{ site: string; building: string; unit: string; floor: number; area_m2: number | null; use: string }>
    >(
      `select s.code as site, b.code as building, u.code as unit, u.floor, u.area_m2, u.use::text as use
         from unit u join building b on b.id = u.building_id join site s on s.id = b.site_id
        where ${siteCondition(caller)}
        order by s.code, b.code, u.floor, u.code`,
      siteParams(caller),
    );
    const table: Row[] = [UNIT_HEADERS[headers]];
    for (const u of rows) table.push([u.site, u.building, u.unit, u.floor, u.area_m2, u.use]);
    return this.file('units', format, table);
  }

  private async file(what: string, format: ExportFormat, table: Row[]): Promise<ExportFile> {
    const stem = `${what}-${estateDate(this.now())}`;
    const rows = table.length - 1;
    if (format === ExportFormat.CSV) {
      const text = table.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
      // the byte-order mark makes Excel read the file as UTF-8 (without it, Chinese Excel assumes GBK)
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      return { filename: `${stem}.csv`, contentBase64: bytes.toString('base64'), rows };
    }
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(what);
    sheet.addRows(table);
    sheet.getRow(1).font = { bold: true };
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    return { filename: `${stem}.xlsx`, contentBase64: bytes.toString('base64'), rows };
  }
}

function siteCondition(caller: Caller): string {
  return caller.siteIds === null ? 'true' : 'b.site_id::text in (select jsonb_array_elements_text(?::jsonb))';
}

function siteParams(caller: Caller): unknown[] {
  return caller.siteIds === null ? [] : [JSON.stringify(caller.siteIds)];
}

/**
 * RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. A text
 * field starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula
 * by a spreadsheet opening the file (a resident's name is free text): it gets a leading `'`,
 * which the import takes off again (roster-file.ts `unescapeFormula`). Numbers (a basement
 * floor -1) are written as they are.
 */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'string' && FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
