import type ExcelJS from 'exceljs';
import { spreadsheetText } from './spreadsheetText';
import type { Table, TableCell } from './table';

/** Excel's limit on the characters in one cell; longer text would make the file unreadable. */
export const MAX_XLSX_CELL_CHARS = 32_767;

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
/** Wrapped columns (long text) stay narrower, so a printed row stays readable on A4. */
const MAX_WRAPPED_WIDTH = 40;
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

function columnWidth(table: Table, column: number, wrapped: boolean): number {
  // The header row wraps, so a header needs only its longest word on one line.
  let width = Math.max(0, ...(table.header[column] ?? '').split(/\s+/).map((w) => w.length));
  for (const row of table.rows.slice(0, WIDTH_SAMPLE_ROWS)) {
    width = Math.max(width, String(row[column] ?? '').length);
  }
  return Math.min(wrapped ? MAX_WRAPPED_WIDTH : MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
}

/** Points per line of the default 11 pt font. */
const LINE_HEIGHT_PT = 15;

/**
 * The lines `text` takes when wrapped at word breaks in a column `width` characters wide (a
 * word longer than the line is broken). An estimate: spreadsheet widths are in digit widths.
 */
export function wrappedLineCount(text: string, width: number): number {
  const capacity = Math.max(1, Math.floor(width) - 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= capacity) {
        used = need;
        continue;
      }
      if (used > 0) lines++;
      lines += Math.ceil(word.length / capacity) - 1;
      used = word.length % capacity || capacity;
    }
  }
  return lines;
}

/**
 * Gives rows with wrapped text the height of their longest cell. Excel grows such rows when a
 * file opens, LibreOffice does not: without this its printout draws lines over the next row.
 */
function fitRowHeights(sheet: ExcelJS.Worksheet, wrapped: readonly number[]): void {
  sheet.eachRow((row) => {
    let lines = 1;
    for (const c of wrapped) {
      const value = row.getCell(c + 1).value;
      if (typeof value !== 'string') continue;
      lines = Math.max(lines, wrappedLineCount(value, sheet.getColumn(c + 1).width ?? MIN_WIDTH));
    }
    if (lines > 1) row.height = lines * LINE_HEIGHT_PT;
  });
}

/**
 * How a sheet prints: A4 landscape, every column on one page width (as many pages down as
 * needed), the header row repeated on each page, and the sheet name and page number in the
 * footer. Without this, LibreOffice and Excel split wide sheets across pages by column, so a
 * label and its value, or a problem and its votes, land on different sheets of paper.
 */
export function setPrintLayout(sheet: ExcelJS.Worksheet): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4 in the OOXML paper size table.
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // 0: as many pages down as the rows need.
    printTitlesRow: '1:1',
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: '&L&A&RHalaman &P dari &N' };
}

/**
 * Writes a table to a sheet from row 1: a bold, shaded header row that stays frozen on scroll
 * and repeats on printed pages, an autoFilter over the data, column widths fitted to the
 * content (capped), and the print layout of setPrintLayout.
 */
export function writeTable(sheet: ExcelJS.Worksheet, table: Table, layout: SheetLayout = {}): void {
  const columns = table.header.length;
  sheet.addRow(table.header.map(xlsxCell));
  for (const row of table.rows) sheet.addRow(row.map(xlsxCell));
  for (let c = 0; c < columns; c++) {
    const column = sheet.getColumn(c + 1);
    const wrapped = layout.wrap?.includes(c) ?? false;
    column.width = columnWidth(table, c, wrapped);
    // Top-aligned, so a row made tall by one long text still reads across.
    column.alignment = wrapped ? { vertical: 'top', wrapText: true } : { vertical: 'top' };
  }
  fitRowHeights(sheet, layout.wrap ?? []);
  // After the columns: their alignment would otherwise overwrite the header's.
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  // The header row wraps in every column.
  const headerLines = Math.max(
    ...table.header.map((h, c) => wrappedLineCount(h, sheet.getColumn(c + 1).width ?? MIN_WIDTH)),
  );
  if (headerLines > 1) header.height = headerLines * LINE_HEIGHT_PT;
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  setPrintLayout(sheet);
  const lastDataRow = 1 + table.rows.length - (layout.footerRows ?? 0);
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, lastDataRow), column: columns },
  };
}
