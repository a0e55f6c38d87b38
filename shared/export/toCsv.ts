import type { IssueMap } from '../issueMap/types';
import type { TimeOptions } from './formatTime';
import { spreadsheetText } from './spreadsheetText';
import { permasalahanTable } from './permasalahanTable';
import type { TableCell } from './table';

/** CSV options: Excel with Indonesian regional settings expects ';' as the list separator. */
export interface CsvOptions extends TimeOptions {
  delimiter?: ',' | ';';
}

/** RFC 4180 field: quoted when it holds the delimiter, a quote, CR or LF; quotes doubled. */
function field(value: TableCell, delimiter: string): string {
  const text = typeof value === 'number' ? String(value) : spreadsheetText(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The Permasalahan table as CSV: a UTF-8 byte order mark (so Excel reads the text right), CRLF
 * line ends, RFC 4180 quoting, and formula-looking text neutralised. Encode it as UTF-8.
 */
export function toCsv(map: IssueMap, opts: CsvOptions = {}): string {
  const delimiter = opts.delimiter ?? ',';
  const { header, rows } = permasalahanTable(map, opts);
  const lines = [header, ...rows].map((row) => row.map((v) => field(v, delimiter)).join(delimiter));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
