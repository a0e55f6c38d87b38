import { useEffect, useMemo, useRef, useState } from 'react';
import type { MergePlan } from '../../shared/merge/mergePlan';
import { joinIssues, renameIssue, splitIssue } from '../../shared/merge/planEdits';
import { apiErrorText } from '../common/apiErrorText';
import { apiRequest, type ApiFailure } from '../common/apiRequest';
import { PageError } from '../common/PageError';
import { PageHeader } from '../common/PageHeader';
import { isFailure, useEventInfo } from '../common/useEventInfo';
import { takeAccessToken } from '../config/accessToken';
import { useI18n } from '../i18n/I18nProvider';
import { IssueProposalCard } from './IssueProposalCard';
import { parseMergePreview, type MergePreview } from './parseMergePreview';

const sameTitle = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The title of a cluster split off an issue: the cluster's own title, with its kecamatan when
 * that is the issue's title too (planEdits still makes it distinct if needed).
 */
function splitTitle(
  preview: MergePreview,
  issueTitle: string,
  boardId: string,
  clusterId: string,
): string | undefined {
  const board = preview.boards.find((b) => b.boardId === boardId);
  const own = board?.clusters.get(clusterId)?.title.trim() ?? '';
  if (own === '') return undefined;
  return sameTitle(own, issueTitle) && board ? `${own} (${board.title})` : own;
}

/** The title of one card split off an issue: the start of its text. */
function splitCardTitle(
  preview: MergePreview,
  issueTitle: string,
  boardId: string,
  cardId: string,
): string | undefined {
  const text = preview.boards
    .find((b) => b.boardId === boardId)
    ?.cards.get(cardId)
    ?.text.trim();
  if (!text) return undefined;
  const short = text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text;
  return sameTitle(short, issueTitle) ? undefined : short;
}

/**
 * Route /m/<eventId>/gabung: pick kecamatan boards, preview the kabupaten issues, rename, join
 * and split them locally (nothing is written), then apply once.
 */
export function MergePage({ eventId }: { eventId: string }) {
  const { messages } = useI18n();
  const token = useMemo(() => takeAccessToken(), []);
  const event = useEventInfo(eventId, token);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [plan, setPlan] = useState<MergePlan | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [applied, setApplied] = useState<{ boardId: string } | null>(null);
  // What was applied last: "Terapkan" stays off until the plan or the title changes.
  const [appliedFor, setAppliedFor] = useState<{ plan: MergePlan; title: string } | null>(null);
  const doneRef = useRef<HTMLElement>(null);
  const planRef = useRef<HTMLElement>(null);

  // The proposals appear below the board list, off a phone's screen: show where they begin.
  useEffect(() => {
    if (preview === null) return;
    planRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [preview]);

  // The result appears below the plan, off screen on a tablet: bring it into view.
  useEffect(() => {
    if (applied === null) return;
    doneRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    doneRef.current?.focus({ preventScroll: true });
  }, [applied]);
  const base = `/api/events/${encodeURIComponent(eventId)}/merge`;

  if (event !== undefined && isFailure(event)) return <PageError error={event} />;
  const kecamatanBoards = event?.boards.filter((b) => b.kind === 'kecamatan') ?? [];
  const boardIds = kecamatanBoards.filter((b) => chosen.has(b.id)).map((b) => b.id);

  const edit = (change: (p: MergePlan) => MergePlan) => {
    if (plan === null) return;
    try {
      setPlan(change(plan));
    } catch {
      // planEdits refuse impossible edits (e.g. splitting off a whole issue): keep the plan.
    }
  };

  const askPreview = async () => {
    setBusy(true);
    setError(null);
    setApplied(null);
    const r = await apiRequest(`${base}/plan`, { token, body: { boardIds } });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const parsed = parseMergePreview(r.data);
    setPreview(parsed);
    setPlan(parsed?.plan ?? null);
    setSelected(new Set());
  };

  const apply = async () => {
    if (plan === null || preview === null) return;
    setBusy(true);
    setError(null);
    const r = await apiRequest(`${base}/apply`, {
      token,
      body: {
        boardIds: preview.boards.map((b) => b.boardId),
        plan,
        ...(title.trim() ? { title: title.trim() } : {}),
      },
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const boardId = (r.data as { boardId?: unknown } | null)?.boardId;
    if (typeof boardId === 'string') {
      setAppliedFor({ plan, title });
      setApplied({ boardId });
    }
  };

  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const alreadyApplied =
    appliedFor !== null && appliedFor.plan === plan && appliedFor.title === title;
  return (
    <main className="page" data-testid="merge-page">
      <PageHeader
        title={messages.mergeTitle}
        subtitle={event?.title}
        back={{ href: `/m/${encodeURIComponent(eventId)}`, label: messages.consoleTitle }}
      />
      <section className="panel">
        <h2>{messages.mergeStep1}</h2>
        <div className="tiles">
          {kecamatanBoards.map((b) => (
            <label key={b.id} className={`tile tile--check ${chosen.has(b.id) ? 'tile--on' : ''}`}>
              <input
                type="checkbox"
                checked={chosen.has(b.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(b.id);
                  else next.delete(b.id);
                  setChosen(next);
                }}
                data-testid={`merge-board-${b.id}`}
              />
              <span className="tile__name">{b.title}</span>
            </label>
          ))}
        </div>
        <div className="button-row">
          <button
            type="button"
            className="btn"
            onClick={() => setChosen(new Set(kecamatanBoards.map((b) => b.id)))}
          >
            {messages.selectAll}
          </button>
          <button
            type="button"
            className="btn btn--primary btn--big"
            disabled={busy || boardIds.length === 0}
            onClick={() => void askPreview()}
            data-testid="merge-preview"
          >
            {messages.preview}
          </button>
        </div>
      </section>
      {error && (
        <p className="alert alert--error" role="alert">
          {apiErrorText(messages, error)}
        </p>
      )}
      {preview && plan && (
        <section ref={planRef} className="panel" data-testid="merge-plan">
          <h2>{messages.mergeStep2(plan.issues.length)}</h2>
          <p className="muted">{messages.mergeNothingYet}</p>
          <div className="button-row">
            <button
              type="button"
              className="btn"
              disabled={selected.size < 2}
              onClick={() => {
                const ids = plan.issues.map((i) => i.id).filter((id) => selected.has(id));
                edit((p) => joinIssues(p, ids));
                setSelected(new Set());
              }}
              data-testid="merge-join"
            >
              ⇉ {messages.joinSelected(selected.size)}
            </button>
          </div>
          {plan.issues.length === 0 && <p>{messages.mergeNoIssues}</p>}
          <ul className="proposals">
            {plan.issues.map((issue) => (
              <IssueProposalCard
                key={issue.id}
                issue={issue}
                boards={preview.boards}
                selected={selected.has(issue.id)}
                onSelect={(on) => {
                  const next = new Set(selected);
                  if (on) next.add(issue.id);
                  else next.delete(issue.id);
                  setSelected(next);
                }}
                onRename={(t) => edit((p) => renameIssue(p, issue.id, t))}
                onSplitMember={(boardId, clusterId) =>
                  edit((p) =>
                    splitIssue(
                      p,
                      issue.id,
                      { members: [{ boardId, clusterId }] },
                      splitTitle(preview, issue.title, boardId, clusterId),
                    ),
                  )
                }
                onSplitCard={(boardId, cardId) =>
                  edit((p) =>
                    splitIssue(
                      p,
                      issue.id,
                      { members: [], unclusteredCards: [{ boardId, cardId }] },
                      splitCardTitle(preview, issue.title, boardId, cardId),
                    ),
                  )
                }
              />
            ))}
          </ul>
          {plan.unassigned.length > 0 && (
            <p className="muted" data-testid="merge-unassigned">
              {messages.mergeUnassigned(plan.unassigned.length)}
            </p>
          )}
          <div className="inline-form">
            <label className="field">
              <span>{messages.mergedTitle}</span>
              <input
                className="input"
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                placeholder={event?.kabupaten ? `${event.kabupaten} (gabungan)` : ''}
                maxLength={200}
              />
            </label>
            <button
              type="button"
              className="btn btn--primary btn--big"
              disabled={busy || alreadyApplied || plan.issues.some((i) => i.title.trim() === '')}
              onClick={() => void apply()}
              data-testid="merge-apply"
            >
              ✓ {messages.applyMerge}
            </button>
          </div>
          {alreadyApplied && <p className="muted">{messages.mergeAppliedPlan}</p>}
        </section>
      )}
      {applied && (
        <section
          ref={doneRef}
          tabIndex={-1}
          className="panel panel--success"
          role="status"
          data-testid="merge-done"
        >
          <p>{messages.mergeDone}</p>
          <a
            className="btn btn--primary btn--big"
            href={`/b/${encodeURIComponent(applied.boardId)}${query}`}
            data-testid="merged-board-link"
          >
            {messages.openMergedBoard} →
          </a>
        </section>
      )}
    </main>
  );
}
