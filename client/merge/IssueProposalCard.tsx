import type { IssueProposal } from '../../shared/merge/mergePlan';
import { useI18n } from '../i18n/I18nProvider';
import { issueCounts, type PreviewBoard } from './parseMergePreview';

/** One proposed kabupaten issue: editable title, its source clusters and cards, split buttons. */
export function IssueProposalCard(props: {
  issue: IssueProposal;
  boards: readonly PreviewBoard[];
  selected: boolean;
  onSelect(selected: boolean): void;
  onRename(title: string): void;
  onSplitMember(boardId: string, clusterId: string): void;
  onSplitCard(boardId: string, cardId: string): void;
}) {
  const { messages } = useI18n();
  const { issue, boards } = props;
  const byId = new Map(boards.map((b) => [b.boardId, b]));
  const parts = issue.members.length + issue.unclusteredCards.length;
  const counts = issueCounts(issue, boards);
  return (
    <li
      className={`proposal ${props.selected ? 'proposal--selected' : ''}`}
      data-testid="merge-issue"
      data-issue={issue.id}
    >
      <div className="proposal__head">
        <label className="check">
          <input
            type="checkbox"
            checked={props.selected}
            onChange={(e) => props.onSelect(e.target.checked)}
            data-testid="merge-issue-select"
          />
          <span className="visually-hidden">{messages.selectIssue}</span>
        </label>
        <textarea
          className="input proposal__title"
          rows={1}
          value={issue.title}
          // One line of title: Enter does not start a new one, pasted line breaks become spaces.
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.preventDefault();
          }}
          onChange={(e) => props.onRename(e.target.value.replace(/[\r\n]+/g, ' '))}
          aria-label={messages.issueTitle}
          maxLength={200}
          data-testid="merge-issue-title"
        />
        <span className="proposal__counts" data-testid="merge-issue-counts">
          {messages.cardsInKecamatan(counts.cards, counts.kecamatan)}
        </span>
      </div>
      <ul className="proposal__members">
        {issue.members.map((m) => {
          const board = byId.get(m.boardId);
          const cluster = board?.clusters.get(m.clusterId);
          return (
            <li key={`${m.boardId}/${m.clusterId}`} data-testid="merge-member">
              <span className="tag">{board?.title ?? m.boardId}</span>
              <span className="proposal__source">{cluster?.title || messages.clusterUntitled}</span>
              <small>{messages.problemCount(cluster?.cardCount ?? 0)}</small>
              <button
                type="button"
                className="chip"
                disabled={parts < 2}
                onClick={() => props.onSplitMember(m.boardId, m.clusterId)}
                data-testid="merge-split"
              >
                {messages.split}
              </button>
            </li>
          );
        })}
        {issue.unclusteredCards.map((c) => {
          const board = byId.get(c.boardId);
          return (
            <li key={`${c.boardId}/${c.cardId}`} className="proposal__card">
              <span className="tag">{board?.title ?? c.boardId}</span>
              <span className="proposal__source">
                “{board?.cards.get(c.cardId)?.text ?? c.cardId}”
              </span>
              <button
                type="button"
                className="chip"
                disabled={parts < 2}
                onClick={() => props.onSplitCard(c.boardId, c.cardId)}
              >
                {messages.split}
              </button>
            </li>
          );
        })}
      </ul>
    </li>
  );
}
