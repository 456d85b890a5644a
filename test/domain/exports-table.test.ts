/**
 * The export module: a formula-looking text cell ("=", "+", "-", "@", tab, CR at its start) is written with a leading
 * apostrophe in the workbook and in the CSV, numbers are kept; the CSV is UTF-8 with a BOM, RFC 4180 quoted, CRLF;
 * the workbook reads back with its diacritics.
 */
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { safeCell, type Table, toCsv, toXlsx } from '../../domain/exports/table';

const HOSTILE = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];

const table: Table = {
  sheet: 'Danh sách: địa bàn',
  header: ['Tên', 'Số'],
  rows: [...HOSTILE.map((text) => [text, -5]), ['Xã Nam Đàn, "Nghệ An"\nhai dòng', 7], [null, 0]],
};

describe('export table', () => {
  it('neutralises a formula-looking text cell and keeps numbers', () => {
    for (const text of HOSTILE) expect(safeCell(text)).toBe(`'${text}`);
    expect(safeCell('Xã Kim Liên')).toBe('Xã Kim Liên');
    expect(safeCell('a=b')).toBe('a=b');
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(null)).toBeNull();
  });

  it('writes CSV as UTF-8 with a BOM, RFC 4180 quoting and CRLF, formulas neutralised', () => {
    const bytes = toCsv(table);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Tên,Số');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")",-5`);
    expect(lines[2]).toBe("'+1+1,-5");
    expect(lines[3]).toBe("'-2+3,-5");
    expect(lines[4]).toBe("'@SUM(A1),-5");
    expect(lines[5]).toBe("'\tcmd,-5");
    expect(text).toContain(`"'\rcmd",-5\r\n`);
    expect(text).toContain('"Xã Nam Đàn, ""Nghệ An""\nhai dòng",7\r\n');
    expect(text.endsWith(',0\r\n')).toBe(true);
  });

  it('writes a workbook whose text cells read back neutralised, with diacritics', async () => {
    const [header, ...rows] = (await readSheet(await toXlsx(table))) as unknown[][];
    expect(header).toEqual(['Tên', 'Số']);
    expect(rows.slice(0, HOSTILE.length).map((row) => row[0])).toEqual(HOSTILE.map((text) => `'${text}`));
    expect(rows[0]![1]).toBe(-5);
    expect(rows[HOSTILE.length]![0]).toBe('Xã Nam Đàn, "Nghệ An"\nhai dòng');
  });
});
