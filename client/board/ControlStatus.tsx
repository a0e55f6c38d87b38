import { useEffect, useRef, useState } from 'react';
import type { BoardPhase } from '../../shared/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { phaseLabel } from '../i18n/phaseLabel';
import { isBoardEditable, isVotingOpen, voteBudgetOf } from './boardControlState';
import { useControl } from './ControlContext';
import { useVoting } from './VotingContext';
import { formatCountdown } from './serverClock';

/** Ticks once a second while a countdown runs: the time now on the server's clock. */
function useServerNow(running: boolean, clockOffsetMs: number): number {
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs);
  useEffect(() => {
    setNow(Date.now() + clockOffsetMs);
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now() + clockOffsetMs), 1_000);
    return () => clearInterval(timer);
  }, [running, clockOffsetMs]);
  return now;
}

/** "Waktu habis" stays at most this long, and only in the phase the timer ran in. */
const TIMER_DONE_SHOWN_MS = 10 * 60_000;

/**
 * What the moderator decided for this board, from the server: the phase, the countdown (on the
 * server's clock, so a tablet whose clock is off still shows the right time), the lock, and in
 * the Pilih phase the dots this person has left.
 */
export function ControlStatus({ clockOffsetMs }: { clockOffsetMs: number }) {
  const { control } = useControl();
  const { messages } = useI18n();
  const voting = useVoting();
  const endsAt = control?.timerEndsAt ?? null;
  const now = useServerNow(endsAt !== null, clockOffsetMs);
  // The phase a timer was first seen in: a timer that ran out in Tulis says nothing in Pilih.
  const timerPhase = useRef<{ endsAt: number; phase: BoardPhase } | null>(null);
  if (control !== null && endsAt !== null && timerPhase.current?.endsAt !== endsAt) {
    timerPhase.current = { endsAt, phase: control.phase };
  }
  if (control === null) return null;
  const rawLeft = endsAt === null ? null : endsAt - now;
  const stale =
    rawLeft !== null &&
    rawLeft <= 0 &&
    (timerPhase.current?.phase !== control.phase || -rawLeft > TIMER_DONE_SHOWN_MS);
  const left = stale ? null : rawLeft;
  const done = control.phase === 'selesai';
  const votesLeft = Math.max(0, voteBudgetOf(control) - (voting?.votes.used ?? 0));
  return (
    <div className="board-control" data-testid="board-control">
      <span className="board-control__phase" data-testid="board-phase" data-phase={control.phase}>
        {messages.phase}: <strong>{phaseLabel(messages, control.phase)}</strong>
      </span>
      {left !== null && (
        <span
          className={`board-control__timer${left <= 60_000 ? ' board-control__timer--low' : ''}`}
          data-testid="board-timer"
          data-left-ms={Math.max(0, left)}
          role="timer"
        >
          {left > 0 ? messages.timerLeft(formatCountdown(left)) : messages.timerDone}
        </span>
      )}
      {done && (
        <span
          className="board-control__done"
          data-testid="board-done"
          title={messages.sessionDoneHelp}
        >
          {messages.sessionDone}
        </span>
      )}
      {!done && !isBoardEditable(control) && (
        <span
          className="board-control__locked"
          data-testid="board-locked"
          title={messages.boardLockedHelp}
        >
          {messages.boardLocked}
        </span>
      )}
      {isVotingOpen(control) && (
        <span className="board-control__votes" data-testid="votes-left" data-left={votesLeft}>
          {messages.votesLeft(votesLeft)}
        </span>
      )}
    </div>
  );
}
