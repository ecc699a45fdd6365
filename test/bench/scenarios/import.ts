/**
 * Roster import: the incidents contract's `ImportResidents` over HTTP as the demo supervisor, a
 * file of 10,000 rows (5,000 new units of the demo site's first building, two residents each,
 * new phones) as .xlsx and as .csv: a dry run, then the real run, each timed from the request to
 * the answer (decoding, parsing, every check, and for the real run the three bulk inserts and
 * the commit). Each format's file has units and phones of its own, so the real runs import
 * everything. PostgreSQL only (BENCHMARKS.md compares it with the other PostgreSQL rows).
 */
import ExcelJS from 'exceljs';
import { graphql } from '../graphql';
import { CpuMeter } from '../proc';
import { fmt, type Results } from '../report-types';
import type { PlatformSetup } from '../setup';

/** test/support/roster-files.ts: the contract's operation, verbatim */
const IMPORT_RESIDENTS = `mutation ImportResidents($input: ImportInput!) {
  importResidents(input: $input) { dryRun rows imported errors { row column message } }
}`;

const HEADERS = ['楼栋', '房号', '楼层', '姓名', '手机', '关系', '入住日期'];
const RELATIONS = ['业主', '家属'];

type Answer = { importResidents: { rows: number; imported: number; errors: unknown[] } };

export async function rosterImport(setup: PlatformSetup, results: Results): Promise<void> {
  const rows = setup.options.import.rows;
  const url = setup.platform.graphqlUrl;
  const token = await setup.token;
  const { buildings } = await graphql<{ buildings: Array<{ code: string }> }>(url, '{ buildings { code } }', {}, token);
  const building = buildings.map((b) => b.code).sort()[0];
  if (!building) throw new Error('the demo site has no building');

  const grid = (prefix: string, phonePrefix: string) => [
    HEADERS,
    ...Array.from({ length: rows }, (_, i) => [
      building,
      `${prefix}-${String(Math.floor(i / 2)).padStart(5, '0')}`,
      1 + (Math.floor(i / 2) % 30),
      `住户${i}`,
      `${phonePrefix}${String(i).padStart(8, '0')}`,
      RELATIONS[i % 2],
      '2021-03-15',
    ]),
  ];
  const csv = Buffer.from(
    '\ufeff' +
      grid('IMPC', '165')
        .map((r) => r.join(','))
        .join('\r\n'),
    'utf8',
  );
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('住户').addRows(grid('IMPX', '164'));
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());

  const timed = async (filename: string, bytes: Buffer, dryRun: boolean) => {
    const started = process.hrtime.bigint();
    const answer = await graphql<Answer>(
      url,
      IMPORT_RESIDENTS,
      { input: { filename, contentBase64: bytes.toString('base64'), dryRun } },
      token,
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const expected = dryRun ? 0 : rows;
    const r = answer.importResidents;
    if (r.rows !== rows || r.imported !== expected || r.errors.length) {
      throw new Error(
        `${filename}: ${r.rows} rows, ${r.imported} imported, errors ${JSON.stringify(r.errors.slice(0, 3))}`,
      );
    }
    return ms;
  };

  const meter = new CpuMeter([setup.platform.pid]);
  const ms = {
    xlsxDry: await timed('roster.xlsx', xlsx, true),
    xlsxReal: await timed('roster.xlsx', xlsx, false),
    csvDry: await timed('roster.csv', csv, true),
    csvReal: await timed('roster.csv', csv, false),
  };
  const cpu = meter.stop()[0];
  const perS = (m: number) => `${fmt.int((rows * 1000) / m)} rows/s`;
  const worst = Math.max(...Object.values(ms));
  results.rows.push({
    setup: setup.name,
    scenario: 'roster import',
    figure:
      `${fmt.int(rows)} rows: xlsx dry ${fmt.s(ms.xlsxDry)} (${perS(ms.xlsxDry)}), real ${fmt.s(ms.xlsxReal)} ` +
      `(${perS(ms.xlsxReal)}); csv dry ${fmt.s(ms.csvDry)} (${perS(ms.csvDry)}), real ${fmt.s(ms.csvReal)} (${perS(ms.csvReal)})`,
    target: '10,000 rows in a few seconds (< 5 s each)',
    pass: worst < 5000,
    ceiling: '',
    ratio: `${fmt.s(worst)} / 5 s`,
    cpu: fmt.cpu(cpu),
  });
  results.details.push({
    setup: setup.name,
    scenario: 'roster import',
    lines: [
      `files: xlsx ${fmt.int(xlsx.length / 1024)} KiB, csv (UTF-8 with BOM) ${fmt.int(csv.length / 1024)} KiB; ` +
        `${fmt.int(rows / 2)} new units and ${fmt.int(rows)} new residents per real run`,
      ...Object.entries(ms).map(([k, m]) => `${k}: ${fmt.ms(m)} (${perS(m)})`),
    ],
  });
  results.kept[`${setup.name}.import.xlsxRealMs`] = ms.xlsxReal;
  results.kept[`${setup.name}.import.csvRealMs`] = ms.csvReal;
}
