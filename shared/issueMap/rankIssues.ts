import type { Problem, StrategicIssue } from './types';

/** Plain code-unit order, so rankings do not change with the runtime's locale data. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders strategic issues, most important first:
 * 1. more votes in total (dots on the cluster plus dots on its cards);
 * 2. more dots on the cluster itself (the group voted for the issue, not one problem in it);
 * 3. more distinct desa raising it;
 * 4. more problems (cards);
 * 5. the issue named first (earlier cluster createdAt);
 * 6. title (case-insensitive, code-unit order), then cluster id, so the order is total.
 */
export function compareIssues(
  a: StrategicIssue & { createdAt: number },
  b: StrategicIssue & { createdAt: number },
): number {
  return (
    b.votes.total - a.votes.total ||
    b.votes.cluster - a.votes.cluster ||
    b.desaCount - a.desaCount ||
    b.problems.length - a.problems.length ||
    a.createdAt - b.createdAt ||
    compareText(a.title.toLowerCase(), b.title.toLowerCase()) ||
    compareText(a.clusterId, b.clusterId)
  );
}

/**
 * Orders the problems of an issue (and unclustered cards): more votes first, then the earlier
 * card (unknown times last), then card id.
 */
export function compareProblems(a: Problem, b: Problem): number {
  const time = (p: Problem) => p.createdAt ?? '\uffff';
  return b.votes - a.votes || compareText(time(a), time(b)) || compareText(a.cardId, b.cardId);
}
