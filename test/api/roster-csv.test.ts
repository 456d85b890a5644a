/** The roster file's reading: header in any order, quotes, BOM, CRLF, each row's own line. */
import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../domain/assignments/roster-csv';

describe('parseRoster', () => {
  it('reads the columns in any order, quoted fields, a BOM, CRLF and blank lines, keeping each line number', () => {
    const text =
      '\uFEFFOfficial,Area,Start,Decision Number,decision_date,signer\r\n' +
      'CB-001,NA-VINH,2021-04-01,"12-QĐ/BTCTU",2021-03-25,LD-01\r\n' +
      '\r\n' +
      '"CB-002","NA-NAMDAN",2022-01-01,"3-QĐ/BTCTU","2021-12-27","LD-02"\r\n';
    const { rows, problems } = parseRoster(text);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        line: 2,
        official: 'CB-001',
        area: 'NA-VINH',
        decision_number: '12-QĐ/BTCTU',
        group: '',
      }),
      expect.objectContaining({ line: 4, official: 'CB-002', area: 'NA-NAMDAN', signer: 'LD-02' }),
    ]);
  });

  it('names a missing or unknown column on line 1', () => {
    const { problems } = parseRoster(
      'area,official,start,decision_number,decision_date,sign\nx,y,z,1-A/B,2021-01-01,q\n',
    );
    expect(problems.map((p) => `${p.line} ${p.rule} ${p.column}`)).toEqual([
      '1 MISSING_COLUMN signer',
      '1 UNKNOWN_COLUMN sign',
    ]);
  });

  it('refuses a file without rows', () => {
    expect(parseRoster('area,official,start,decision_number,decision_date,signer\n').problems).toEqual([
      expect.objectContaining({ rule: 'EMPTY_FILE' }),
    ]);
  });
});
