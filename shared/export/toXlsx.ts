import ExcelJS from 'exceljs';
import type { IssueMap } from '../issueMap/types';
import type { TimeOptions } from './formatTime';
import { issueTable } from './issueTable';
import { matrixTable } from './matrixTable';
import { permasalahanTable } from './permasalahanTable';
import { BIDANG_VOTES_NOTE, bidangTable, summaryTable } from './summaryTable';
import { writeTable, xlsxCell } from './xlsxTableSheet';

/** The sheet names, in order. */
export const XLSX_SHEETS = ['Ringkasan', 'Isu Strategis', 'Permasalahan', 'Matriks'] as const;

function writeSummary(sheet: ExcelJS.Worksheet, map: IssueMap, opts: TimeOptions): void {
  writeTable(sheet, summaryTable(map, opts));
  // The per-bidang table sits under the summary, after one blank row, with its own bold header.
  const bidang = bidangTable(map);
  sheet.addRow([]);
  const header = sheet.addRow(bidang.header.map(xlsxCell));
  header.font = { bold: true };
  // Counts are right-aligned: so are their headings.
  for (let c = 2; c <= bidang.header.length; c++)
    header.getCell(c).alignment = { horizontal: 'right' };
  for (const row of bidang.rows) sheet.addRow(row.map(xlsxCell));
  const total = sheet.lastRow;
  if (total) total.font = { bold: true };
  const note = sheet.addRow([BIDANG_VOTES_NOTE]);
  sheet.mergeCells(note.number, 1, note.number, bidang.header.length);
  note.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  note.getCell(1).font = { italic: true };
  // Merged cells do not grow to their text in Excel or LibreOffice: room for three lines.
  note.height = 45;
  sheet.getColumn(1).width = 36;
  sheet.getColumn(2).width = Math.max(sheet.getColumn(2).width ?? 0, 16);
  for (let c = 3; c <= bidang.header.length; c++) sheet.getColumn(c).width = 14;
  // A key/value list is not a data set: no filter on Ringkasan.
  sheet.autoFilter = undefined;
}

/** Bytes of a Node Buffer or a browser ArrayBuffer, as one Uint8Array type. */
function bytesOf(buffer: unknown): Uint8Array {
  if (buffer instanceof Uint8Array) {
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  throw new Error('toXlsx: exceljs returned neither a Uint8Array nor an ArrayBuffer');
}

/**
 * The issue map as an XLSX workbook (sheets Ringkasan, Isu Strategis, Permasalahan, Matriks):
 * bold frozen headers, filters and fitted widths; formula-looking text neutralised; each sheet
 * prints on A4 landscape, fitted to the page width, with its header row repeated. The
 * Permasalahan sheet holds exactly the rows of the CSV.
 */
export async function toXlsx(map: IssueMap, opts: TimeOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Papan Rembuk';
  workbook.title = `Peta Isu Strategis: ${map.event.title}`;
  // Workbook times from the map, so the same map always gives the same workbook properties.
  workbook.created = new Date(map.generatedAt);
  workbook.modified = new Date(map.generatedAt);
  const [ringkasan, isu, permasalahan, matriks] = XLSX_SHEETS;
  writeSummary(workbook.addWorksheet(ringkasan), map, opts);
  writeTable(workbook.addWorksheet(isu), issueTable(map), { wrap: [3, 4, 10, 11] });
  writeTable(workbook.addWorksheet(permasalahan), permasalahanTable(map, opts), {
    wrap: [4, 5, 6, 11],
  });
  writeTable(workbook.addWorksheet(matriks), matrixTable(map), { footerRows: 1 });
  const total = workbook.getWorksheet(matriks)?.lastRow;
  if (total) total.font = { bold: true };
  return bytesOf(await workbook.xlsx.writeBuffer());
}
