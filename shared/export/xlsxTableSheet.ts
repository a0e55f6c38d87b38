import type ExcelJS from 'exceljs';
import { spreadsheetText } from './spreadsheetText';
import type { Table, TableCell } from './table';

/** Excel's limit on the characters in one cell; longer text would make the file unreadable. */
export const MAX_XLSX_CELL_CHARS = 32_767;

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
/** Rows sampled to size columns: enough to be representative, cheap on 10,000-row sheets. */
const WIDTH_SAMPLE_ROWS = 500;

/** How a table is laid out on its sheet. */
export interface SheetLayout {
  /** 0-based columns whose long text wraps (problem text, issue titles). */
  wrap?: readonly number[];
  /** Rows at the end left out of the filter range (a total row). */
  footerRows?: number;
}

/** A cell value for exceljs: counts stay numbers, text is neutralised and capped. */
export function xlsxCell(value: TableCell): string | number {
  if (typeof value === 'number') return value;
  const safe = spreadsheetText(value);
  return safe.length > MAX_XLSX_CELL_CHARS ? `${safe.slice(0, MAX_XLSX_CELL_CHARS - 1)}…` : safe;
}

function columnWidth(table: Table, column: number): number {
  let width = (table.header[column] ?? '').length;
  for (const row of table.rows.slice(0, WIDTH_SAMPLE_ROWS)) {
    width = Math.max(width, String(row[column] ?? '').length);
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
}

/**
 * Writes a table to a sheet from row 1: a bold, shaded header row that stays frozen on scroll,
 * an autoFilter over the data, and column widths fitted to the content (capped).
 */
export function writeTable(sheet: ExcelJS.Worksheet, table: Table, layout: SheetLayout = {}): void {
  const columns = table.header.length;
  sheet.addRow(table.header.map(xlsxCell));
  for (const row of table.rows) sheet.addRow(row.map(xlsxCell));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (let c = 0; c < columns; c++) {
    const column = sheet.getColumn(c + 1);
    column.width = columnWidth(table, c);
    if (layout.wrap?.includes(c)) column.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  const lastDataRow = 1 + table.rows.length - (layout.footerRows ?? 0);
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, lastDataRow), column: columns },
  };
}
