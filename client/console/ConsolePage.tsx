import { useEffect, useMemo, useState } from 'react';
import { can } from '../../shared/roles';
import { apiErrorText } from '../common/apiErrorText';
import { ConfirmDialog, type ConfirmRequest } from '../common/ConfirmDialog';
import { openAuthedPage } from '../common/openAuthedPage';
import type { ApiFailure } from '../common/apiRequest';
import { PageError } from '../common/PageError';
import { PageHeader } from '../common/PageHeader';
import { isFailure, useEventInfo } from '../common/useEventInfo';
import { usePrincipal } from '../common/usePrincipal';
import { takeAccessToken } from '../config/accessToken';
import { useI18n } from '../i18n/I18nProvider';
import { BackupStatusLine } from './BackupStatusLine';
import { BoardCard } from './BoardCard';
import { askRestore } from './restoreFlow';
import { CallsPanel } from './CallsPanel';
import { ControlBar } from './ControlBar';
import { ExportPanel } from './ExportPanel';
import { postControl, type ControlPatch } from './postControl';
import { StaffPanel } from './StaffPanel';
import { useLiveBoards } from './useLiveBoards';

/** Route /m/<eventId>: the moderator console of an event. */
export function ConsolePage({ eventId }: { eventId: string }) {
  const { messages } = useI18n();
  const token = useMemo(() => takeAccessToken(), []);
  const event = useEventInfo(eventId, token);
  const principal = usePrincipal(token);
  const live = useLiveBoards(eventId, token);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [openFailed, setOpenFailed] = useState(false);
  const [confirming, setConfirming] = useState<ConfirmRequest | null>(null);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);

  if (event !== undefined && isFailure(event)) return <PageError error={event} />;

  const control =
    (key: string, target: { boardId: string } | { eventId: string }) => (patch: ControlPatch) => {
      setBusy(key);
      setError(null);
      void postControl(target, patch, token).then((r) => {
        setBusy(null);
        if (r.ok) live.patchControl(r.changed, r.appliedAt);
        else setError(r.error);
      });
    };

  const staff = principal ? can(principal, 'event:audit', { eventId }) : false;
  const boards = live.boards ?? [];
  const base = `/m/${encodeURIComponent(eventId)}`;

  return (
    <main className="page" data-testid="console" data-connected={live.connected}>
      <PageHeader
        title={event?.title ?? messages.consoleTitle}
        subtitle={messages.consoleTitle}
        back={{ href: '/', label: messages.backHome }}
      >
        <span
          className={`live-dot ${live.connected ? 'live-dot--on' : ''}`}
          data-testid="live-status"
        >
          {live.connected ? messages.liveOn : messages.liveOff}
        </span>
      </PageHeader>
      <nav className="button-row">
        <button
          type="button"
          className="btn"
          onClick={() => {
            setOpenFailed(false);
            void openAuthedPage(`/api/events/${encodeURIComponent(eventId)}/qr-sheet`, token).then(
              (ok) => setOpenFailed(!ok),
            );
          }}
          data-testid="qr-sheet-link"
        >
          {messages.printQr}
        </button>
        <a className="btn" href={`${base}/gabung`} data-testid="merge-link">
          ⇉ {messages.mergeBoards}
        </a>
        <a className="btn" href={`/e/${encodeURIComponent(eventId)}/peta`}>
          {messages.issueMapLink}
        </a>
      </nav>
      {openFailed && (
        <p className="alert alert--error" role="alert">
          {messages.openFailed}
        </p>
      )}
      <BackupStatusLine eventId={eventId} token={token} now={now + live.clockOffset} />
      <CallsPanel calls={live.calls} boards={boards} onDismiss={live.dismissCalls} />
      {error && (
        <p className="alert alert--error" role="alert">
          {apiErrorText(messages, error)}
        </p>
      )}
      <section className="panel" data-testid="all-boards">
        <h2>{messages.allBoards}</h2>
        <ControlBar
          control={null}
          title={null}
          confirm={setConfirming}
          clockOffset={live.clockOffset}
          busy={busy === 'all'}
          onChange={control('all', { eventId })}
          testId="control-all"
        />
      </section>
      {live.boards === null ? (
        <p className="page-message">{messages.loading}</p>
      ) : (
        <section className="board-grid" aria-label={messages.boards}>
          {boards.map((board) => (
            <BoardCard
              key={board.id}
              board={board}
              token={token}
              clockOffset={live.clockOffset}
              now={now + live.clockOffset}
              busy={busy === board.id}
              onControl={control(board.id, { boardId: board.id })}
              confirm={setConfirming}
              alarm={live.alarms.find((a) => a.boardId === board.id) ?? null}
              onDismissAlarm={() => live.dismissAlarm(board.id)}
              onRestoreAlarm={(alarm) => {
                setError(null);
                void askRestore({
                  messages,
                  board,
                  pointId: alarm.pointId,
                  token,
                  confirm: setConfirming,
                  done: (failure) => {
                    if (failure) setError(failure);
                    else live.dismissAlarm(board.id);
                  },
                });
              }}
            />
          ))}
        </section>
      )}
      <ExportPanel eventId={eventId} token={token} />
      {staff && <StaffPanel eventId={eventId} token={token} />}
      <ConfirmDialog request={confirming} onClose={() => setConfirming(null)} />
    </main>
  );
}
