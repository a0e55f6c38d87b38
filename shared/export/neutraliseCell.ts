/**
 * Text a spreadsheet would read as a formula (OWASP "CSV injection"): a formula start, after any
 * leading blanks (Excel and LibreOffice skip them, so " =2+2" still runs), or a tab or CR first.
 * Full-width forms count too: some locales of Excel treat them as formula starts.
 */
const FORMULA_START =
  /^[\t\r]|^[\s\u00a0\u2000-\u200b\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** Prefixes a single quote to text a spreadsheet would run as a formula; other text is unchanged. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
