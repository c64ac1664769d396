export type CsvValue = string | number | boolean | Date | null | undefined;

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Every text cell is quoted (RFC 4180, quotes doubled): a spreadsheet in a locale
 * whose separator is `;` or tab then cannot split a cell and find a formula after the separator.
 * Text a spreadsheet would run as a formula is also prefixed with `'` so it stays text. Numbers,
 * booleans and dates are written as such, unquoted and never guarded.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One CSV record, terminated by CRLF as RFC 4180 has it. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
