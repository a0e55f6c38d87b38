import type { BoardIssues, IssueMap } from '../issueMap/types';
import { escapeMarkdown } from './escapeMarkdown';
import { formatLongTime, type TimeOptions } from './formatTime';
import { provenanceDetail } from './issueTable';
import { problemTable } from './problemTable';
import { bidangLabel, boardLabel } from './labels';
import { matrixTable } from './matrixTable';
import { BIDANG_VOTES_NOTE, bidangTable, summaryTable } from './summaryTable';
import type { Table } from './table';

function markdownTable(table: Table): string[] {
  const line = (cells: readonly (string | number)[]) =>
    `| ${cells.map((c) => (typeof c === 'number' ? String(c) : escapeMarkdown(c))).join(' | ')} |`;
  const align =
    table.rows[0]?.map((c) => (typeof c === 'number' ? '---:' : '---')) ??
    table.header.map(() => '---');
  return [line(table.header), `| ${align.join(' | ')} |`, ...table.rows.map(line), ''];
}

function boardSection(board: BoardIssues, opts: TimeOptions): string[] {
  const merged = board.kind === 'merged';
  const s = board.summary;
  const lines = [
    `## ${merged ? 'Isu Kabupaten: ' : ''}${escapeMarkdown(boardLabel(board))}`,
    '',
    `Papan ${escapeMarkdown(board.boardId)} · ${s.cards} permasalahan · ${s.issues} isu strategis · ` +
      `${s.unclusteredCards} belum dikelompokkan · ${s.votes} suara · ${s.desaReached} desa`,
    '',
  ];
  for (const issue of board.issues) {
    lines.push(`### ${issue.rank}. ${escapeMarkdown(issue.title || '(tanpa judul)')}`, '');
    lines.push(
      `${issue.votes.total} suara (isu ${issue.votes.cluster}, kartu ${issue.votes.cards}) · ` +
        `${issue.problems.length} permasalahan dari ${issue.desaCount} desa · bidang dominan: ` +
        `${escapeMarkdown(bidangLabel(issue.dominantBidang) || '-')}`,
      '',
    );
    if (issue.provenance !== null) {
      lines.push(
        `*${issue.provenance.label}*: ${escapeMarkdown(provenanceDetail(issue.provenance))}`,
        '',
      );
    }
    lines.push(...markdownTable(problemTable(issue.problems, merged, opts)));
  }
  if (board.unclustered.length > 0) {
    lines.push(
      '### Belum dikelompokkan',
      '',
      ...markdownTable(problemTable(board.unclustered, merged, opts)),
    );
  }
  return lines;
}

/** The issue map as Markdown: summary, matrix, then each board's ranked issues and problems. */
export function toMarkdown(map: IssueMap, opts: TimeOptions = {}): string {
  const lines = [
    `# Peta Isu Strategis: ${escapeMarkdown(map.event.title)}`,
    '',
    `${escapeMarkdown(map.event.kabupaten.nama)} · ${map.event.year} · dibuat ` +
      `${formatLongTime(map.generatedAt, opts)}`,
    '',
    '## Ringkasan',
    '',
    ...markdownTable(summaryTable(map, opts)),
    '### Per bidang',
    '',
    ...markdownTable(bidangTable(map)),
    `*${escapeMarkdown(BIDANG_VOTES_NOTE)}*`,
    '',
    '### Matriks kecamatan × bidang (jumlah permasalahan)',
    '',
    ...markdownTable(matrixTable(map)),
  ];
  for (const board of map.boards) lines.push(...boardSection(board, opts));
  return `${lines.join('\n').trimEnd()}\n`;
}
