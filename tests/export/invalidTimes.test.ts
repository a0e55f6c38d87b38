import { describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/export/toCsv';
import { toHtmlReport } from '../../shared/export/toHtmlReport';
import { toMarkdown } from '../../shared/export/toMarkdown';
import { toXlsx } from '../../shared/export/toXlsx';
import { toIssueMap } from '../../shared/issueMap/toIssueMap';
import type { IssueMapInput } from '../../shared/issueMap/toIssueMap';
import { fixtureInput } from '../issueMap/fixtureEvent';
import { readCsv } from './readCsv';
import { readXlsx } from './readXlsx';

const TEXT = 'Kartu dari jam yang rusak';

/** The fixture event with one card dated 8.64e15 ms, the largest time a Date can hold. */
function inputWithHugeTime(): IssueMapInput {
  const input = fixtureInput();
  const card = input.boards[0]?.board.cards[0];
  if (!card) throw new Error('fixture without cards');
  card.createdAt = 8.64e15;
  card.text = TEXT;
  return input;
}

describe('a card time that is no printable date', () => {
  const map = toIssueMap(inputWithHugeTime());

  it('prints "tanggal tidak valid" in the CSV row of that card', () => {
    const rows = readCsv(toCsv(map));
    const row = rows.find((r) => r[6] === TEXT);
    expect(row?.[9]).toBe('tanggal tidak valid');
    expect(rows.flat().join('\n')).not.toMatch(/NaN/);
  });

  it('prints it in the XLSX Permasalahan sheet', async () => {
    const sheets = await readXlsx(await toXlsx(map));
    const row = sheets.Permasalahan?.find((r) => r[6] === TEXT);
    expect(row?.[9]).toBe('tanggal tidak valid');
    expect(JSON.stringify(sheets)).not.toMatch(/NaN/);
  });

  it('prints it in the HTML report and the Markdown export', () => {
    for (const text of [toHtmlReport(map), toMarkdown(map)]) {
      expect(text).toContain('tanggal tidak valid');
      expect(text).not.toMatch(/NaN/);
    }
  });
});
