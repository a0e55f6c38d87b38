import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/export/toCsv';
import { toHtmlReport } from '../../shared/export/toHtmlReport';
import { toJson } from '../../shared/export/toJson';
import { toMarkdown } from '../../shared/export/toMarkdown';
import { toXlsx, XLSX_SHEETS } from '../../shared/export/toXlsx';
import { toIssueMap } from '../../shared/issueMap/toIssueMap';
import { fixtureInput } from '../issueMap/fixtureEvent';
import { readCsv } from './readCsv';
import { loadXlsx, readXlsx, type SheetRows } from './readXlsx';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
/**
 * UPDATE_GOLDEN=1 rewrites the golden files; review the diff by eye before committing. They end
 * in .golden so Prettier (npm run lint) leaves their exact bytes alone.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function expectGolden(name: string, actual: string): void {
  const path = `${GOLDEN_DIR}${name}`;
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`${name}: no golden file; run with UPDATE_GOLDEN=1`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** One JSON line per row, so a golden diff points at the row that changed. */
function sheetsAsText(sheets: Record<string, SheetRows>): string {
  const parts = Object.entries(sheets).map(
    ([name, rows]) =>
      `${JSON.stringify(name)}: [\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]`,
  );
  return `{\n${parts.join(',\n')}\n}\n`;
}

const map = toIssueMap(fixtureInput());

describe('exports of the fixture event match their golden files', () => {
  it('JSON', () => expectGolden('issue-map.json.golden', toJson(map)));
  it('CSV', () => expectGolden('issue-map.csv.golden', toCsv(map)));
  it('Markdown', () => expectGolden('issue-map.md.golden', toMarkdown(map)));
  it('HTML report', () => expectGolden('issue-map.html.golden', toHtmlReport(map)));
  it('XLSX, compared as the rows read back', async () => {
    const sheets = await readXlsx(await toXlsx(map));
    expectGolden('issue-map.xlsx.json.golden', sheetsAsText(sheets));
  });
});

describe('the XLSX workbook', () => {
  it('has the Permasalahan sheet with exactly the rows of the CSV', async () => {
    const sheets = await readXlsx(await toXlsx(map));
    const xlsxRows = (sheets.Permasalahan ?? []).map((row) => row.map(String));
    const csvRows = readCsv(toCsv(map)).map((row) => {
      // Trailing empty cells are not stored in XLSX; drop them on the CSV side too.
      const cells = [...row];
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      return cells;
    });
    expect(xlsxRows).toEqual(csvRows);
    expect(csvRows).toHaveLength(1 + 20);
  });

  it('has sheets Ringkasan, Isu Strategis, Permasalahan and Matriks with bold frozen headers', async () => {
    const workbook = await loadXlsx(await toXlsx(map));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([...XLSX_SHEETS]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      for (let c = 1; c <= sheet.columnCount; c++) {
        // exceljs leaves out a width of 9, its default, so a missing width reads as 9.
        const width = sheet.getColumn(c).width ?? 9;
        expect(width).toBeGreaterThanOrEqual(8);
        expect(width).toBeLessThanOrEqual(60);
      }
    }
  });

  it('prints every sheet on A4 landscape, one page wide, with its header row repeated', async () => {
    const workbook = await loadXlsx(await toXlsx(map));
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
      });
    }
  });

  it('shows the per-bidang votes on Ringkasan with a total equal to the Suara line', async () => {
    const rows = (await readXlsx(await toXlsx(map))).Ringkasan ?? [];
    const suara = rows.find((r) => r[0] === 'Suara')?.[1];
    const header = rows.findIndex((r) => r[0] === 'Bidang');
    const total = rows.slice(header).find((r) => r[0] === 'Jumlah');
    const perBidang = rows.slice(header + 1, rows.indexOf(total ?? [])).map((r) => Number(r[3]));
    expect(suara).toBe(map.summary.votes);
    expect(total?.[3]).toBe(suara);
    expect(perBidang.reduce((a, n) => a + n, 0)).toBe(suara);
  });

  it('filters the data sheets from the header to the last data row', async () => {
    const workbook = await loadXlsx(await toXlsx(map));
    const filter = (name: string) => workbook.getWorksheet(name)?.autoFilter;
    expect(filter('Permasalahan')).toBe('A1:L21');
    expect(filter('Isu Strategis')).toBe('A1:L8');
    // The total row of the matrix stays out of the filter so sorting cannot move it.
    expect(filter('Matriks')).toBe('A1:F3');
  });
});

describe('the HTML report', () => {
  const html = toHtmlReport(map);

  it('is set for A4 printing with a cover and one page per board', () => {
    expect(html).toContain('size: A4');
    expect(html).toContain('<section class="cover">');
    expect(html.match(/<section class="page board"/g)).toHaveLength(3);
    expect(html).toContain('Isu Kabupaten: Isu Kabupaten Balangan');
  });

  it('is self-contained: no scripts, no links, no external URLs', () => {
    expect(html).not.toMatch(
      /<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import|https?:\/\//i,
    );
  });
});
