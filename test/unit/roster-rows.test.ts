/**
 * The roster import's pure parts (schema/residents/roster): which headers name which column,
 * relation words, telling UTF-8 from GBK, the header row below a title row, and one row's
 * checks (dates, floors, phones). Real: exceljs, csv-parse and iconv-lite on bytes made here.
 * Faked: nothing (no I/O beyond memory).
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { columnOfHeader, relationOf } from '../../schema/residents/roster/roster-columns';
import { decodeCsvText, readSheet, unescapeFormula } from '../../schema/residents/roster/roster-file';
import { checkRow, mapColumns } from '../../schema/residents/roster/roster-rows';

describe('roster columns', () => {
  it.each([
    ['楼栋', 'building'],
    ['Building Code', 'building'],
    ['房号', 'unit'],
    ['Room', 'unit'],
    ['楼层', 'floor'],
    ['业主姓名', 'name'],
    ['手机号码（必填）', 'phone'],
    ['联系电话', 'phone'],
    ['Mobile *', 'phone'],
    ['身份', 'relation'],
    ['入住日期', 'since'],
    ['move_in_date', 'since'],
    ['小区', 'site'],
    ['备注', null],
  ])('%s names %s', (header, column) => {
    expect(columnOfHeader(header)).toBe(column);
  });

  it('reads relations in English (any case) and Chinese', () => {
    expect(['OWNER', 'owner', '业主', '产权人'].map(relationOf)).toEqual(['OWNER', 'OWNER', 'OWNER', 'OWNER']);
    expect(['tenant', '租户', '租客'].map(relationOf)).toEqual(['TENANT', 'TENANT', 'TENANT']);
    expect(['Family', '家属'].map(relationOf)).toEqual(['FAMILY', 'FAMILY']);
    expect(relationOf('房东')).toBeNull();
  });
});

describe('roster files', () => {
  it('tells UTF-8 (with or without a byte-order mark) from GBK', () => {
    const text = '楼栋,房号\r\nB1,张伟\r\n';
    expect(decodeCsvText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeCsvText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      text,
      encoding: 'UTF-8',
    });
    expect(decodeCsvText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'GBK' });
  });

  it('finds the header row below a title row, in CSV and xlsx, and numbers rows as the file does', async () => {
    const grid = [
      ['华庭小区住户名单'],
      ['楼栋', '房号', '姓名', '手机', '关系'],
      ['B1', '101', '张伟', '13812345678', '业主'],
    ];
    const csv = Buffer.from(grid.map((r) => r.join(',')).join('\n'));
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('s').addRows(grid);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    for (const [name, bytes] of [
      ['a.csv', csv],
      ['a.xlsx', xlsx],
    ] as const) {
      const sheet = await readSheet(name, bytes, { maxRows: 10, maxUnzippedBytes: 1024 * 1024 });
      expect(sheet.headerRow).toBe(2);
      expect(sheet.rows.map((r) => r.row)).toEqual([3]);
    }
  });

  it('refuses more rows than the limit, and files that are neither xlsx nor csv', async () => {
    const csv = Buffer.from('楼栋,房号,姓名\n' + 'B1,1,n\n'.repeat(3));
    const limits = { maxRows: 2, maxUnzippedBytes: 1024 * 1024 };
    await expect(readSheet('a.csv', csv, limits)).rejects.toThrow(
      'a.csv has more than 2 rows; an import takes at most 2',
    );
    await expect(readSheet('a.pdf', Buffer.from('%PDF'), limits)).rejects.toThrow(/an \.xlsx or a \.csv file/);
  });

  it('stops at the row limit whatever the title block: 9 title rows, a header and the limit pass, one more fails', async () => {
    const titled = (dataRows: number, blankLines: number) =>
      Buffer.from(
        [
          ...Array.from({ length: 9 }, (_, i) => `title ${i}`),
          '楼栋,房号,姓名,手机,关系',
          ...Array.from({ length: dataRows }, (_, i) => `B1,${i},n,1381234${String(i).padStart(4, '0')},业主`),
          ...Array.from({ length: blankLines }, () => ',,,,'),
        ].join('\n'),
      );
    const limits = { maxRows: 100, maxUnzippedBytes: 1024 * 1024 };
    const sheet = await readSheet('t.csv', titled(100, 50), limits);
    expect(sheet.headerRow).toBe(10);
    expect(sheet.rows).toHaveLength(100);
    await expect(readSheet('t.csv', titled(101, 0), limits)).rejects.toThrow('t.csv has more than 100 rows');
  });

  it('takes off the quote the export puts before a formula start, and only that one', async () => {
    expect(unescapeFormula("'=SUM(1)")).toBe('=SUM(1)');
    expect(unescapeFormula("'@x")).toBe('@x');
    expect(unescapeFormula("'+86")).toBe('+86');
    expect(unescapeFormula("'-1")).toBe('-1');
    expect(unescapeFormula("'\tx")).toBe('\tx');
    expect(unescapeFormula("'tab")).toBe("'tab");
    expect(unescapeFormula("O'Brien")).toBe("O'Brien");
    expect(unescapeFormula("''=x")).toBe("''=x");
  });

  it('refuses an .xlsx whose parts unpack to more than the bound, before reading a row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['楼栋', '房号', '姓名', '手机', '关系']);
    for (let i = 0; i < 2000; i++) sheet.addRow(['B1', String(i), 'n', '13812345678', '业主']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    // the same file passes a bound above what it unpacks to
    expect((await readSheet('a.xlsx', xlsx, { maxRows: 5000, maxUnzippedBytes: 10 * 1024 * 1024 })).rows).toHaveLength(
      2000,
    );
    await expect(readSheet('a.xlsx', xlsx, { maxRows: 5000, maxUnzippedBytes: 50_000 })).rejects.toThrow(
      'The .xlsx file unpacks to more than 50000 bytes',
    );
    await expect(
      readSheet('a.xlsx', Buffer.from('PK\x03\x04 not a zip'), { maxRows: 5, maxUnzippedBytes: 50_000 }),
    ).rejects.toThrow(/The \.xlsx file cannot be read/);
  });
});

describe('a roster row', () => {
  const headers = ['building', 'unit', 'floor', 'name', 'phone', 'relation', 'since'];
  const { columns } = mapColumns({ headerRow: 1, headers, rows: [] });
  const row = (cells: Array<string | number | Date | null>) => checkRow(7, cells, columns);

  it('accepts Excel dates, serial numbers, YYYY/M/D, "12层", and +86 phones', () => {
    expect(row(['B1', '1201', '12层', '张伟', '+86 138-1234-5678', '业主', 43952]).value).toMatchObject({
      floor: 12,
      phone: '13812345678',
      relation: 'OWNER',
      since: '2020-05-01',
    });
    expect(row(['B1', '1201', 12, '张伟', 13812345678, 'owner', new Date(Date.UTC(2021, 0, 5))]).value?.since).toBe(
      '2021-01-05',
    );
    expect(row(['B1', '1201', null, '张伟', '13812345678', 'owner', '2021/1/5']).value?.since).toBe('2021-01-05');
  });

  it('refuses a phone Excel wrote in scientific notation (its digits are lost)', () => {
    expect(row(['B1', '1201', 12, '张伟', '1.38123E+10', '业主', null]).errors).toEqual([
      { row: 7, column: 'phone', message: expect.stringContaining('scientific notation') },
    ]);
  });

  it('lists every problem of the row by its header', () => {
    const { value, errors } = row(['B1', '', 'x', '张伟', '123', 'landlord', '2021-02-30']);
    expect(value).toBeNull();
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [7, 'unit'],
      [7, 'floor'],
      [7, 'phone'],
      [7, 'relation'],
      [7, 'since'],
    ]);
  });
});
