import { useState } from 'react';
import { AuthedImage } from '../common/AuthedImage';
import type { ConfirmRequest } from '../common/ConfirmDialog';
import { useI18n } from '../i18n/I18nProvider';
import { ControlBar } from './ControlBar';
import type { LiveBoard } from './parseLive';
import { phaseLabel } from '../i18n/phaseLabel';
import type { ControlPatch } from './postControl';
import { relativeTime } from './relativeTime';
import { useThrottledValue } from './useThrottledValue';

/** Thumbnails are re-rendered by the server: ask at most this often per board. */
const THUMBNAIL_INTERVAL_MS = 3_000;

/** One board in the console: live counts, thumbnail, who is on it, its code and its controls. */
export function BoardCard(props: {
  board: LiveBoard;
  token: string | null;
  clockOffset: number;
  now: number;
  busy: boolean;
  onControl(patch: ControlPatch): void;
  confirm(request: ConfirmRequest): void;
}) {
  const { messages } = useI18n();
  const { board, token } = props;
  const [showQr, setShowQr] = useState(false);
  const version = useThrottledValue(
    `${board.cards}/${board.clusters}/${board.votes}`,
    THUMBNAIL_INTERVAL_MS,
  );
  const id = encodeURIComponent(board.id);
  const boardLink = `/b/${id}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

  return (
    <article
      className={`board-card ${board.control.locked ? 'board-card--locked' : ''}`}
      data-testid="console-board"
      data-board={board.id}
      data-cards={board.cards}
      data-phase={board.control.phase}
      data-locked={board.control.locked}
    >
      <header className="board-card__header">
        <h3>{board.title}</h3>
        <span className={`phase-badge phase-badge--${board.control.phase}`}>
          {phaseLabel(messages, board.control.phase)}
        </span>
        {board.control.locked && <span className="lock-badge">{messages.lockedShort}</span>}
      </header>
      <div className="board-card__body">
        <a href={boardLink} target="_blank" rel="noopener" className="board-card__thumb">
          <AuthedImage
            src={`/api/boards/${id}/thumbnail.svg`}
            token={token}
            version={version}
            alt={messages.thumbnailOf(board.title)}
            testId="board-thumbnail"
          />
        </a>
        <dl className="board-card__counts">
          <div>
            <dt>{messages.countCards}</dt>
            <dd data-testid="count-cards">{board.cards}</dd>
          </div>
          <div>
            <dt>{messages.countClusters}</dt>
            <dd data-testid="count-clusters">{board.clusters}</dd>
          </div>
          <div>
            <dt>{messages.countVotes}</dt>
            <dd>{board.votes}</dd>
          </div>
          <div>
            <dt>{messages.countOnline}</dt>
            <dd data-testid="count-online">{board.online}</dd>
          </div>
        </dl>
      </div>
      <p className="board-card__people" data-testid="board-names">
        {board.names.length > 0 ? board.names.join(', ') : messages.nobodyOnline}
      </p>
      <p className="board-card__meta">
        {messages.lastActivity}: {relativeTime(messages, board.lastActivity, props.now)}
      </p>
      <div className="board-card__code">
        <span>{messages.joinCode}</span>
        <strong data-testid="join-code-shown">{board.joinCode}</strong>
        <button type="button" className="chip" onClick={() => setShowQr((v) => !v)}>
          {showQr ? messages.hideQr : messages.showQr}
        </button>
        <a
          className="chip"
          href={boardLink}
          target="_blank"
          rel="noopener"
          data-testid="open-board"
        >
          {messages.openBoard} ↗
        </a>
      </div>
      {showQr && (
        <AuthedImage
          src={`/api/boards/${id}/qr.svg`}
          token={token}
          alt={messages.qrOf(board.title)}
          className="board-card__qr"
          testId="board-qr"
        />
      )}
      <ControlBar
        control={board.control}
        title={board.title}
        confirm={props.confirm}
        clockOffset={props.clockOffset}
        busy={props.busy}
        onChange={props.onControl}
        testId={`control-${board.id}`}
      />
    </article>
  );
}
