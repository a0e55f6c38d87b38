import { kecamatanLabel } from '../../shared/export/labels';
import type { IssueMap } from '../../shared/issueMap/types';
import { useI18n } from '../i18n/I18nProvider';

const TOP = 10;

/** The strategic issues of the kecamatan boards with the most votes, as bars. */
export function TopIssues(props: { map: IssueMap; colorOf(bidangId: string | null): string }) {
  const { messages } = useI18n();
  const issues = props.map.boards
    .filter((b) => b.kind === 'kecamatan')
    .flatMap((b) => b.issues.map((issue) => ({ board: b, issue })))
    .sort(
      (a, b) =>
        b.issue.votes.total - a.issue.votes.total ||
        b.issue.problems.length - a.issue.problems.length,
    )
    .slice(0, TOP);
  if (issues.length === 0) return <p className="muted">{messages.noIssuesYet}</p>;
  const max = Math.max(1, ...issues.map((i) => i.issue.votes.total));
  return (
    <ol className="top-issues" data-testid="top-issues">
      {issues.map(({ board, issue }) => (
        <li key={`${board.boardId}/${issue.clusterId}`} className="top-issues__item">
          <span
            className="dot"
            style={{ background: props.colorOf(issue.dominantBidang?.id ?? null) }}
            title={issue.dominantBidang?.nama ?? messages.noBidang}
          />
          <span className="top-issues__title">
            <strong>{issue.title || messages.clusterUntitled}</strong>
            <small>
              {kecamatanLabel(board.kecamatan) || board.title} ·{' '}
              {messages.desaCount(issue.desaCount)} · {messages.problemCount(issue.problems.length)}
            </small>
          </span>
          <span className="bars__track">
            <span
              className="bars__bar"
              style={{
                width: `${(issue.votes.total / max) * 100}%`,
                background: props.colorOf(issue.dominantBidang?.id ?? null),
              }}
            />
          </span>
          <span className="bars__value">{messages.votes(issue.votes.total)}</span>
        </li>
      ))}
    </ol>
  );
}
