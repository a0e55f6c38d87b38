import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../shared/export/escapeHtml';
import { escapeMarkdown } from '../../shared/export/escapeMarkdown';
import { formatLongTime, formatTableTime } from '../../shared/export/formatTime';
import { neutraliseCell } from '../../shared/export/neutraliseCell';
import { wrappedLineCount } from '../../shared/export/xlsxTableSheet';
import { toCsv } from '../../shared/export/toCsv';
import { toIssueMap } from '../../shared/issueMap/toIssueMap';
import { fixtureInput } from '../issueMap/fixtureEvent';
import { readCsv } from './readCsv';

describe('neutraliseCell', () => {
  it.each([
    '=1+1',
    '+1',
    '-2',
    '@SUM(A1)',
    '\tx',
    '\rx',
    '＝1',
    ' =2+2',
    '  +1',
    '\u00a0@x',
    ' \t=1',
  ])('prefixes a quote to %j', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it.each(['', 'Jalan rusak', ' Jalan', "'=1", ' a=1', '1-2', 'a=b'])(
    'leaves %j alone',
    (value) => {
      expect(neutraliseCell(value)).toBe(value);
    },
  );
});

describe('times for people', () => {
  it('prints WITA (UTC+8) by default and moves past midnight into the next day', () => {
    expect(formatTableTime('2025-03-14T01:30:00.000Z')).toBe('2025-03-14 09:30');
    expect(formatTableTime('2025-03-14T16:30:00.000Z')).toBe('2025-03-15 00:30');
    expect(formatLongTime('2025-12-31T16:05:00.000Z')).toBe('1 Januari 2026 pukul 00.05 WITA');
  });

  it('prints WIB and WIT when asked, and nothing for an unknown time', () => {
    expect(formatTableTime('2025-03-14T01:30:00.000Z', { timeZone: 'WIB' })).toBe(
      '2025-03-14 08:30',
    );
    expect(formatLongTime('2025-03-14T01:30:00.000Z', { timeZone: 'WIT' })).toBe(
      '14 Maret 2025 pukul 10.30 WIT',
    );
    expect(formatTableTime(null)).toBe('');
    expect(formatLongTime(null)).toBe('');
  });

  it('prints "tanggal tidak valid" for a time that is no printable date, never NaN', () => {
    // 8.64e15 ms is the last instant a Date can hold: the time zone shift goes past it.
    const edge = new Date(8.64e15).toISOString();
    expect(formatTableTime(edge)).toBe('tanggal tidak valid');
    expect(formatLongTime(edge)).toBe('tanggal tidak valid');
    expect(formatTableTime(new Date(Date.UTC(12_000, 0, 1)).toISOString())).toBe(
      'tanggal tidak valid',
    );
    expect(formatLongTime('bukan tanggal')).toBe('tanggal tidak valid');
  });
});

describe('text escaping', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('keeps Markdown text on one line with its syntax inert', () => {
    expect(escapeMarkdown('a|b\n*c* [d](e) `f`')).toBe('a\\|b \\*c\\* \\[d\\](e) \\`f\\`');
    expect(escapeMarkdown('# judul')).toBe('\\# judul');
    expect(escapeMarkdown('- 2')).toBe('\\- 2');
    expect(escapeMarkdown('1. satu')).toBe('1\\. satu');
    expect(escapeMarkdown('63.11.01.2001')).toBe('63.11.01.2001');
  });
});

describe('toCsv', () => {
  const map = toIssueMap(fixtureInput());

  it('starts with a UTF-8 BOM, ends lines with CRLF and quotes fields with commas', () => {
    const csv = toCsv(map);
    expect(csv.startsWith('\uFEFFKabupaten,Kecamatan,Kelurahan/Desa,Kode Wilayah,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain(',"Titian ke sekolah lapuk, anak-anak takut menyeberang",');
  });

  it('uses semicolons for Excel with Indonesian regional settings, with the same rows', () => {
    expect(readCsv(toCsv(map, { delimiter: ';' }), ';')).toEqual(readCsv(toCsv(map)));
  });

  it('doubles quotes and keeps line breaks (as LF, like XLSX) inside a quoted field', () => {
    const input = fixtureInput();
    const board = input.boards[0]?.board;
    const first = board?.cards[0];
    if (!first) throw new Error('fixture without cards');
    first.text = 'kata "kutip"\r\nbaris dua';
    const rows = readCsv(toCsv(toIssueMap(input)));
    expect(rows.map((r) => r[6])).toContain('kata "kutip"\nbaris dua');
  });
});

describe('wrappedLineCount (row heights of printed XLSX sheets)', () => {
  it('counts one line for text that fits and for empty text', () => {
    expect(wrappedLineCount('Jalan rusak', 20)).toBe(1);
    expect(wrappedLineCount('', 20)).toBe(1);
  });

  it('wraps at word breaks, never mid-word when the word fits a line', () => {
    // Capacity 9: "Jalan desa" (10) does not fit, nor "desa rusak": three lines, words whole.
    expect(wrappedLineCount('Jalan desa rusak', 10)).toBe(3);
    expect(wrappedLineCount('aaaa bbbb cccc dddd', 10)).toBe(2);
  });

  it('counts line breaks in the text and breaks a word longer than a line', () => {
    expect(wrappedLineCount('satu\ndua\ntiga', 40)).toBe(3);
    expect(wrappedLineCount('x'.repeat(25), 10)).toBe(3);
  });
});
