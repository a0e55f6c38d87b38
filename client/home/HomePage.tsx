import { useEffect, useState, type FormEvent } from 'react';
import { isBoardId } from '../../shared/protocol';
import { authHeaders, takeAccessToken } from '../config/accessToken';
import { useI18n } from '../i18n/I18nProvider';
import { looksLikeJoinCode, normalizeJoinCode } from '../join/joinCode';
import { StaffEvents } from '../staff/StaffEvents';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { parseEventList, type EventEntry } from './parseEventList';

/** Route /: open a board by its code; lists events when the API offers them to this token. */
export function HomePage() {
  const { messages } = useI18n();
  const [code, setCode] = useState('');
  const [error, setError] = useState(false);
  const [events, setEvents] = useState<EventEntry[] | null>(null);

  useEffect(() => {
    const token = takeAccessToken();
    let live = true;
    fetch('/api/events', { headers: { Accept: 'application/json', ...authHeaders(token) } })
      .then(async (r) => (r.ok ? parseEventList(await r.json()) : null))
      .then((list) => live && setEvents(list))
      .catch(() => live && setEvents(null));
    return () => {
      live = false;
    };
  }, []);

  const open = (e: FormEvent) => {
    e.preventDefault();
    if (looksLikeJoinCode(code)) {
      window.location.assign(`/j/${normalizeJoinCode(code)}`);
      return;
    }
    const id = code.trim().toLowerCase();
    if (!isBoardId(id)) {
      setError(true);
      return;
    }
    window.location.assign(`/b/${id}`);
  };

  return (
    <main className="home">
      <header className="home__header">
        <h1>{messages.homeTitle}</h1>
        <LanguageSwitch />
      </header>
      <p>{messages.homeIntro}</p>
      <form className="home__form" onSubmit={open}>
        <label className="field">
          <span>{messages.homeBoardField}</span>
          <input
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setError(false);
            }}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            data-testid="board-code"
          />
        </label>
        {error && <p className="field__error">{messages.homeInvalidId}</p>}
        <button type="submit" className="btn btn--big btn--primary">
          {messages.homeOpen}
        </button>
      </form>
      <StaffEvents />
      {events !== null && (
        <section>
          <h2>{messages.homeEvents}</h2>
          {events.length === 0 && <p>{messages.homeNoEvents}</p>}
          <ul className="home__events">
            {events.map((event) => (
              <li key={event.id}>
                <strong>{event.title}</strong>
                {event.boards.length > 0 && (
                  <ul>
                    {event.boards.map((b) => (
                      <li key={b.id}>
                        <a href={`/b/${b.id}`}>{b.title}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
