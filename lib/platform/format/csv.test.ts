import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv';

describe('csvCell', () => {
  it.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['ünïcødé ✓', '"ünïcødé ✓"'],
  ])('quotes %j as RFC 4180 asks', (input, output) => expect(csvCell(input)).toBe(output));

  it.each([
    ['=1+2', `"'=1+2"`],
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['=cmd|" /C calc"!A0,x', `"'=cmd|"" /C calc""!A0,x"`],
  ])('keeps the formula-looking %j as text', (input, output) => expect(csvCell(input)).toBe(output));

  // A spreadsheet in a `;` (or tab) separator locale splits an unquoted cell there; the next piece
  // would start with `=` and run. Inside quotes the separator is just a character.
  it.each([
    [`Mozilla;=cmd|' /C calc'!A0;`, `"Mozilla;=cmd|' /C calc'!A0;"`],
    ['a\t=1+2', '"a\t=1+2"'],
    ['x;+1', '"x;+1"'],
    ['x;-1;@SUM(A1)', '"x;-1;@SUM(A1)"'],
  ])('quotes %j, so no separator in it can start a formula cell', (input, output) => {
    expect(csvCell(input)).toBe(output);
    expect(csvCell(input).startsWith('"')).toBe(true);
  });

  it('leaves text that only contains formula characters later alone', () => {
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell('user@example.test')).toBe('"user@example.test"');
  });

  it('writes numbers, booleans, dates and empties as values', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(new Date('2026-11-29T23:05:00Z'))).toBe('2026-11-29T23:05:00.000Z');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('csvRow', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvRow(['a', 'b,c', null, 1, '=x'])).toBe(`"a","b,c",,1,"'=x"\r\n`);
  });
  it('keeps a `;`-laden user agent in one quoted cell between its neighbours', () => {
    expect(csvRow(['10.0.0.1', `Mozilla;=cmd|' /C calc'!A0;`, null])).toBe(`"10.0.0.1","Mozilla;=cmd|' /C calc'!A0;",\r\n`);
  });
});
