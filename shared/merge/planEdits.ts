import { sourceKey } from './mergeIds';
import type { IssueMember, IssueProposal, MergePlan, SourceCardRef } from './mergePlan';

function issueOf(plan: MergePlan, issueId: string): IssueProposal {
  const issue = plan.issues.find((i) => i.id === issueId);
  if (!issue) throw new Error(`no issue ${JSON.stringify(issueId)} in the merge plan`);
  return issue;
}

/** A copy of the plan with one issue renamed. */
export function renameIssue(plan: MergePlan, issueId: string, title: string): MergePlan {
  issueOf(plan, issueId);
  return { ...plan, issues: plan.issues.map((i) => (i.id === issueId ? { ...i, title } : i)) };
}

/** Titles compared as people read them: case and spacing aside. */
function titleKey(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * `title`, or `title (2)`, `title (3)`... : the first that no issue of the plan has. Two issues
 * of one title would become two clusters nobody can tell apart on the merged board.
 */
export function distinctTitle(plan: MergePlan, title: string): string {
  const taken = new Set(plan.issues.map((i) => titleKey(i.title)));
  const base = title.trim();
  if (!taken.has(titleKey(base))) return base;
  let n = 2;
  while (taken.has(titleKey(`${base} (${n})`))) n++;
  return `${base} (${n})`;
}

/**
 * A copy of the plan where the given members and cards leave `issueId` for a new issue (placed
 * right after it), titled `title` (default: the issue's), made distinct from every title in
 * the plan. Throws when the part is empty, is the whole issue, or is not in the issue.
 */
export function splitIssue(
  plan: MergePlan,
  issueId: string,
  part: { members: readonly IssueMember[]; unclusteredCards?: readonly SourceCardRef[] },
  title?: string,
): MergePlan {
  const issue = issueOf(plan, issueId);
  const memberKeys = new Set(part.members.map((m) => sourceKey(m.boardId, m.clusterId)));
  const cardKeys = new Set(
    (part.unclusteredCards ?? []).map((c) => sourceKey(c.boardId, c.cardId)),
  );
  const stay = issue.members.filter((m) => !memberKeys.has(sourceKey(m.boardId, m.clusterId)));
  const stayCards = issue.unclusteredCards.filter(
    (c) => !cardKeys.has(sourceKey(c.boardId, c.cardId)),
  );
  const moved = issue.members.length - stay.length;
  const movedCards = issue.unclusteredCards.length - stayCards.length;
  if (moved !== memberKeys.size || movedCards !== cardKeys.size) {
    throw new Error('splitIssue: the part holds members or cards that are not in the issue');
  }
  if (moved + movedCards === 0) throw new Error('splitIssue: nothing to split off');
  if (stay.length + stayCards.length === 0)
    throw new Error('splitIssue: the part is the whole issue');
  let n = 1;
  while (plan.issues.some((i) => i.id === `${issueId}-${n}`)) n++;
  const split: IssueProposal = {
    id: `${issueId}-${n}`,
    title: distinctTitle(plan, title ?? issue.title),
    members: issue.members.filter((m) => memberKeys.has(sourceKey(m.boardId, m.clusterId))),
    unclusteredCards: issue.unclusteredCards.filter((c) =>
      cardKeys.has(sourceKey(c.boardId, c.cardId)),
    ),
  };
  const issues = plan.issues.flatMap((i) =>
    i.id === issueId ? [{ ...i, members: stay, unclusteredCards: stayCards }, split] : [i],
  );
  return { ...plan, issues };
}

/** A copy of the plan with several issues joined into the first of them (optionally renamed). */
export function joinIssues(
  plan: MergePlan,
  issueIds: readonly string[],
  title?: string,
): MergePlan {
  const [firstId] = issueIds;
  if (firstId === undefined) throw new Error('joinIssues: no issues given');
  const joining = issueIds.map((id) => issueOf(plan, id));
  const first = joining[0] as IssueProposal;
  const joined: IssueProposal = {
    id: first.id,
    title: title ?? first.title,
    members: joining.flatMap((i) => i.members),
    unclusteredCards: joining.flatMap((i) => i.unclusteredCards),
  };
  const drop = new Set(issueIds);
  return {
    ...plan,
    issues: plan.issues.flatMap((i) => (i.id === firstId ? [joined] : drop.has(i.id) ? [] : [i])),
  };
}
