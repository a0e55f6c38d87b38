/** A spreadsheet cell before neutralising: text or a count. */
export type TableCell = string | number;

/** A header row and data rows: what the CSV, XLSX, Markdown and HTML exporters lay out. */
export interface Table {
  header: string[];
  rows: TableCell[][];
  /** 0-based columns printed without line breaks (codes, times) in the HTML report. */
  nowrap?: readonly number[];
}
