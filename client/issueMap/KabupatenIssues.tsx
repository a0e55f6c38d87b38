import { kecamatanLabel } from '../../shared/export/labels';
import type { IssueMap } from '../../shared/issueMap/types';
import { useI18n } from '../i18n/I18nProvider';

/** The kabupaten issues of merged boards: who raised each, in how many desa and kecamatan. */
export function KabupatenIssues(props: {
  map: IssueMap;
  colorOf(bidangId: string | null): string;
}) {
  const { messages } = useI18n();
  const merged = props.map.boards.filter((b) => b.kind === 'merged');
  if (merged.length === 0) return <p className="muted">{messages.noMergedYet}</p>;
  return (
    <div data-testid="kabupaten-issues">
      {merged.map((board) => (
        <div key={board.boardId}>
          <h3>{board.title}</h3>
          <ul className="kab-issues">
            {board.issues.map((issue) => (
              <li
                key={issue.clusterId}
                className="kab-issue"
                style={{ borderColor: props.colorOf(issue.dominantBidang?.id ?? null) }}
                data-testid="kabupaten-issue"
              >
                <strong>{issue.title || messages.clusterUntitled}</strong>
                {issue.provenance && (
                  <span className="kab-issue__label" data-testid="provenance-label">
                    {messages.mentionedBy(
                      issue.provenance.desaCount,
                      issue.provenance.kecamatanCount,
                    )}
                  </span>
                )}
                <span className="kab-issue__chips">
                  {issue.provenance?.kecamatan.map((k, i) => (
                    <span key={k.kecamatan?.kode ?? i} className="tag">
                      {kecamatanLabel(k.kecamatan) || messages.unknownKecamatan} ({k.cards})
                    </span>
                  ))}
                </span>
                <small>
                  {messages.votes(issue.votes.total)} ·{' '}
                  {messages.problemCount(issue.problems.length)}
                </small>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
