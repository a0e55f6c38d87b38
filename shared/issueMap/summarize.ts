import type {
  BidangCount,
  BidangRef,
  BoardIssues,
  BoardSummary,
  IssueMapSummary,
  Problem,
  StrategicIssue,
} from './types';

/** Every problem of a board, issues first then unclustered. */
export function problemsOf(board: Pick<BoardIssues, 'issues' | 'unclustered'>): Problem[] {
  return [...board.issues.flatMap((i) => i.problems), ...board.unclustered];
}

function emptyCounts(taxonomy: readonly BidangRef[]): BidangCount[] {
  // Taxonomy order, then the "no bidang" row, always present so matrices keep their columns.
  return [
    ...taxonomy.map((b) => ({ bidang: b, cards: 0, issues: 0, votes: 0 })),
    { bidang: null, cards: 0, issues: 0, votes: 0 },
  ];
}

function countRow(rows: BidangCount[], bidang: BidangRef | null): BidangCount {
  const id = bidang?.id ?? null;
  const row = rows.find((r) => (r.bidang?.id ?? null) === id);
  // Problems only carry bidang from the taxonomy, so the row always exists.
  if (row === undefined) throw new Error(`bidang ${String(id)} is not in the taxonomy`);
  return row;
}

/**
 * Counts of one board from its ranked issues and unclustered cards. A dot on a card counts for
 * the card's bidang; a dot on an issue (the cluster itself) counts for the issue's dominant
 * bidang, or "no bidang" when it has none. So the votes per bidang add up to the board's votes.
 */
export function summarizeBoard(
  issues: readonly StrategicIssue[],
  unclustered: readonly Problem[],
  taxonomy: readonly BidangRef[],
): BoardSummary {
  const problems = problemsOf({ issues: [...issues], unclustered: [...unclustered] });
  const byBidang = emptyCounts(taxonomy);
  for (const p of problems) {
    const row = countRow(byBidang, p.bidang);
    row.cards++;
    row.votes += p.votes;
  }
  for (const issue of issues) {
    const row = countRow(byBidang, issue.dominantBidang);
    row.issues++;
    row.votes += issue.votes.cluster;
  }
  return {
    cards: problems.length,
    issues: issues.length,
    unclusteredCards: unclustered.length,
    votes:
      issues.reduce((sum, i) => sum + i.votes.total, 0) +
      unclustered.reduce((sum, p) => sum + p.votes, 0),
    desaReached: new Set(problems.flatMap((p) => (p.desa.kode === null ? [] : [p.desa.kode]))).size,
    byBidang,
  };
}

/**
 * Event totals. Cards, issues, votes, desa and bidang come from kecamatan boards only, because a
 * merged board repeats their cards; merged boards add their issue count as kabupatenIssues.
 */
export function summarizeEvent(
  boards: readonly BoardIssues[],
  taxonomy: readonly BidangRef[],
): IssueMapSummary {
  const kecamatanBoards = boards.filter((b) => b.kind === 'kecamatan');
  const mergedBoards = boards.filter((b) => b.kind === 'merged');
  const byBidang = emptyCounts(taxonomy);
  const desa = new Set<string>();
  const kecamatan = new Set<string>();
  for (const board of kecamatanBoards) {
    for (const row of board.summary.byBidang) {
      const total = countRow(byBidang, row.bidang);
      total.cards += row.cards;
      total.issues += row.issues;
      total.votes += row.votes;
    }
    for (const p of problemsOf(board)) {
      if (p.desa.kode !== null) desa.add(p.desa.kode);
      if (p.kecamatan !== null) kecamatan.add(p.kecamatan.kode);
    }
  }
  const sum = (key: 'cards' | 'issues' | 'unclusteredCards' | 'votes') =>
    kecamatanBoards.reduce((total, b) => total + b.summary[key], 0);
  return {
    boards: boards.length,
    kecamatanBoards: kecamatanBoards.length,
    mergedBoards: mergedBoards.length,
    cards: sum('cards'),
    issues: sum('issues'),
    unclusteredCards: sum('unclusteredCards'),
    votes: sum('votes'),
    desaReached: desa.size,
    kecamatanReached: kecamatan.size,
    kabupatenIssues: mergedBoards.reduce((total, b) => total + b.summary.issues, 0),
    byBidang,
  };
}
