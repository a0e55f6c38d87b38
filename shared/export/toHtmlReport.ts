import type { BoardIssues, IssueMap } from '../issueMap/types';
import { escapeHtml as h } from './escapeHtml';
import { formatLongTime, type TimeOptions } from './formatTime';
import { provenanceDetail } from './issueTable';
import { problemTable } from './problemTable';
import { bidangLabel, boardLabel } from './labels';
import { matrixTable } from './matrixTable';
import { REPORT_CSS } from './reportCss';
import { BIDANG_VOTES_NOTE, bidangTable } from './summaryTable';
import type { Table, TableCell } from './table';

/**
 * Nothing may load or run, even if a bug let markup through: no scripts, no requests, only the
 * inline stylesheet. The report is opened from disk and printed in a hall with no internet.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** A run this long has no place to wrap: let it break anywhere rather than widen the page. */
const UNBROKEN_RUN = /\S{40,}/;

function td(cell: TableCell, nowrap: boolean): string {
  if (typeof cell === 'number') return `<td class="num">${cell}</td>`;
  if (nowrap) return `<td class="nowrap">${h(cell)}</td>`;
  return UNBROKEN_RUN.test(cell) ? `<td class="long">${h(cell)}</td>` : `<td>${h(cell)}</td>`;
}

function htmlTable(table: Table): string {
  const numeric = table.rows[0]?.map((c) => typeof c === 'number') ?? [];
  const nowrap = new Set(table.nowrap ?? []);
  const head = table.header
    .map((c, i) => (numeric[i] ? `<th class="num">${h(c)}</th>` : `<th>${h(c)}</th>`))
    .join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((c, i) => td(c, nowrap.has(i))).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function figure(label: string, value: number): string {
  return `<div class="figure"><b>${value}</b>${h(label)}</div>`;
}

function boardSection(board: BoardIssues, opts: TimeOptions): string {
  const merged = board.kind === 'merged';
  const s = board.summary;
  const parts = [
    `<section class="page board" id="papan-${h(board.boardId)}">`,
    `<h2>${merged ? 'Isu Kabupaten: ' : ''}${h(boardLabel(board))}</h2>`,
    '<div class="figures">',
    figure('permasalahan', s.cards),
    figure('isu strategis', s.issues),
    figure('suara', s.votes),
    figure('desa', s.desaReached),
    '</div>',
  ];
  if (board.issues.length === 0) parts.push('<p class="empty">Belum ada isu strategis.</p>');
  for (const issue of board.issues) {
    parts.push(
      '<div class="issue">',
      `<h3>${issue.rank}. ${h(issue.title || '(tanpa judul)')}</h3>`,
      `<p class="meta">${issue.votes.total} suara (isu ${issue.votes.cluster}, kartu ` +
        `${issue.votes.cards}) · ${issue.problems.length} permasalahan dari ${issue.desaCount} ` +
        `desa · bidang dominan: ${h(bidangLabel(issue.dominantBidang) || '-')}</p>`,
    );
    if (issue.provenance !== null) {
      parts.push(
        `<p class="provenance"><b>${h(issue.provenance.label)}</b>: ` +
          `${h(provenanceDetail(issue.provenance))}</p>`,
      );
    }
    parts.push(htmlTable(problemTable(issue.problems, merged, opts)), '</div>');
  }
  if (board.unclustered.length > 0) {
    parts.push(
      '<div class="issue">',
      `<h3>Belum dikelompokkan (${board.unclustered.length})</h3>`,
      htmlTable(problemTable(board.unclustered, merged, opts)),
      '</div>',
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

/**
 * The printable "Peta Isu Strategis" report: one self-contained HTML page for A4 (cover,
 * summary, one page section per kecamatan, then the kabupaten issues). All text is escaped;
 * there are no scripts and no external URLs.
 */
export function toHtmlReport(map: IssueMap, opts: TimeOptions = {}): string {
  const s = map.summary;
  const title = `Peta Isu Strategis: ${map.event.title}`;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<section class="cover">
<div class="kicker">Peta Isu Strategis</div>
<h1>${h(map.event.kabupaten.nama)}</h1>
<div class="event">${h(map.event.title)} · ${map.event.year}</div>
<dl>
<dt>Papan kecamatan</dt><dd>${s.kecamatanBoards}</dd>
<dt>Permasalahan</dt><dd>${s.cards}</dd>
<dt>Isu strategis</dt><dd>${s.issues}</dd>
<dt>Isu kabupaten</dt><dd>${s.kabupatenIssues}</dd>
<dt>Dibuat</dt><dd>${h(formatLongTime(map.generatedAt, opts))}</dd>
</dl>
</section>
<section class="page summary">
<h2>Ringkasan</h2>
<div class="figures">
${figure('permasalahan', s.cards)}
${figure('isu strategis', s.issues)}
${figure('suara', s.votes)}
${figure('desa/kelurahan terjangkau', s.desaReached)}
${figure('kecamatan terjangkau', s.kecamatanReached)}
${figure('belum dikelompokkan', s.unclusteredCards)}
${figure('papan gabungan', s.mergedBoards)}
${figure('isu kabupaten', s.kabupatenIssues)}
</div>
<h3>Per bidang</h3>
${htmlTable(bidangTable(map))}
<p class="meta">${h(BIDANG_VOTES_NOTE)}</p>
<h3>Matriks kecamatan × bidang (jumlah permasalahan)</h3>
${htmlTable(matrixTable(map))}
</section>
${map.boards.map((b) => boardSection(b, opts)).join('\n')}
</body>
</html>
`;
}
