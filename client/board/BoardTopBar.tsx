import { useEffect, useState } from 'react';
import type { Author } from '../../shared/board/types';
import { useI18n } from '../i18n/I18nProvider';
import type { BoardConnection } from '../sync/BoardConnection';
import { Icon } from '../ui/Icon';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PeopleList } from '../ui/PeopleList';
import { StatusBadge } from '../ui/StatusBadge';
import { useBoardInfo } from './BoardInfoContext';
import { ControlStatus } from './ControlStatus';

/**
 * After a call, the button says "Fasilitator sudah dipanggil" and takes no more taps for this
 * long: three anxious taps are one call (the server limits calls on its side as well).
 */
export const CALL_COOLDOWN_MS = 3 * 60_000;
const CALLED_KEY = 'papan.calledAt.';

function calledAt(boardId: string): number {
  try {
    const at = Number(window.sessionStorage.getItem(CALLED_KEY + boardId));
    return Number.isFinite(at) ? at : 0;
  } catch {
    return 0;
  }
}

/**
 * The bar above the canvas (never over it): the board, what the moderator set (phase, timer,
 * lock, dots left), who is here, the person's name, language, and calling a facilitator.
 * On a phone the secondary items shrink to icons.
 */
export function BoardTopBar(props: {
  connection: BoardConnection;
  author: Author;
  clockOffsetMs: number;
  notify(message: string): void;
  onChangeName(): void;
}) {
  const { messages } = useI18n();
  const info = useBoardInfo();
  const [lastCall, setLastCall] = useState(() => calledAt(info.id));
  const [now, setNow] = useState(() => Date.now());
  const calling = now - lastCall < CALL_COOLDOWN_MS;
  useEffect(() => {
    if (!calling) return;
    const timer = setTimeout(() => setNow(Date.now()), lastCall + CALL_COOLDOWN_MS - now + 50);
    return () => clearTimeout(timer);
  }, [calling, lastCall, now]);

  const callFacilitator = () => {
    if (calling) return;
    const sent = props.connection.send({ type: 'call-facilitator', name: props.author.name });
    props.notify(sent ? messages.facilitatorCalled : messages.facilitatorCallOffline);
    if (!sent) return;
    const at = Date.now();
    setLastCall(at);
    setNow(at);
    try {
      window.sessionStorage.setItem(CALLED_KEY + info.id, String(at));
    } catch {
      // Private mode: the cooldown lasts for this page.
    }
  };

  return (
    <header className="board-bar board-bar--top" data-testid="board-topbar">
      <span className="board-bar__title" data-testid="board-title" title={info.title}>
        {info.title}
      </span>
      <ControlStatus clockOffsetMs={props.clockOffsetMs} />
      <span className="board-bar__spacer" />
      <StatusBadge />
      <PeopleList awareness={props.connection.awareness} />
      <button
        type="button"
        className="btn btn--small board-bar__name"
        onClick={props.onChangeName}
        aria-label={`${messages.yourName}: ${props.author.name}`}
        data-testid="change-name"
      >
        <Icon name="person" />
        <span className="btn__label">{props.author.name}</span>
      </button>
      <LanguageSwitch compact />
      <button
        type="button"
        className={`btn btn--call${calling ? ' btn--called' : ''}`}
        onClick={callFacilitator}
        aria-disabled={calling}
        aria-label={calling ? messages.facilitatorComing : messages.callFacilitator}
        data-testid="call-facilitator"
        data-called={calling ? 'true' : 'false'}
      >
        <Icon name={calling ? 'check' : 'bell'} />
        <span className="btn__label">
          {calling ? messages.facilitatorComing : messages.callFacilitator}
        </span>
      </button>
    </header>
  );
}
