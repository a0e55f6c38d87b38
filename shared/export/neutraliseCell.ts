/**
 * First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"),
 * plus their full-width forms, which some locales of Excel also treat as formula starts.
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** Prefixes a single quote to text a spreadsheet would run as a formula; other text is unchanged. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
