import { ISSUE_MAP_VERSION, type IssueMap } from '../../shared/issueMap/types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isArray = Array.isArray;

function isBoard(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const { boardId, kind, title, summary, issues, unclustered } = raw;
  return (
    typeof boardId === 'string' &&
    (kind === 'kecamatan' || kind === 'merged') &&
    typeof title === 'string' &&
    isObject(summary) &&
    isArray(summary.byBidang) &&
    isArray(issues) &&
    issues.every(
      (i) =>
        isObject(i) &&
        typeof i.title === 'string' &&
        isObject(i.votes) &&
        typeof i.votes.total === 'number' &&
        isArray(i.problems) &&
        i.problems.every((p) => isObject(p) && typeof p.text === 'string' && isObject(p.desa)),
    ) &&
    isArray(unclustered) &&
    unclustered.every((p) => isObject(p) && typeof p.text === 'string' && isObject(p.desa))
  );
}

/**
 * Checks the parts of GET /api/events/:id/issue-map.json this page reads (the server validates
 * the whole map against docs/issue-map.schema.json); null when the answer is not an IssueMap.
 */
export function parseIssueMap(raw: unknown): IssueMap | null {
  if (!isObject(raw) || raw.version !== ISSUE_MAP_VERSION) return null;
  const { event, taxonomy, summary, boards } = raw;
  if (!isObject(event) || typeof event.title !== 'string') return null;
  if (!isArray(taxonomy) || !taxonomy.every((b) => isObject(b) && typeof b.id === 'string'))
    return null;
  if (!isObject(summary) || !isArray(summary.byBidang)) return null;
  if (!isArray(boards) || !boards.every(isBoard)) return null;
  return raw as unknown as IssueMap;
}
