import ExcelJS from 'exceljs';

/** A sheet's cells as plain values: text, numbers, '' for empty (and for merged-over cells). */
export type SheetRows = (string | number)[][];

function plain(value: ExcelJS.CellValue): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return value;
  // Anything else (a formula, a date, rich text) is a finding: report it as such.
  return `<<${JSON.stringify(value)}>>`;
}

/** Loads XLSX bytes with exceljs. */
export async function loadXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return workbook;
}

/** Every sheet of a workbook as rows of plain values, by sheet name, in sheet order. */
export async function readXlsx(bytes: Uint8Array): Promise<Record<string, SheetRows>> {
  const workbook = await loadXlsx(bytes);
  const sheets: Record<string, SheetRows> = {};
  workbook.eachSheet((sheet) => {
    const rows: SheetRows = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: (string | number)[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const cell = row.getCell(c);
        // exceljs repeats a merged cell's value in every cell it covers: keep it once.
        cells.push(cell.isMerged && cell.master !== cell ? '' : plain(cell.value));
      }
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      rows.push(cells);
    }
    sheets[sheet.name] = rows;
  });
  return sheets;
}
