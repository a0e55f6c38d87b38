import { useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useI18n } from '../i18n/I18nProvider';
import { usePeople } from '../presence/usePeople';

/** Who is on the board now; tap to unfold the names. */
export function PeopleList({ awareness }: { awareness: Awareness }) {
  const people = usePeople(awareness);
  const { messages } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <div className="people" data-testid="people">
      <button
        type="button"
        className="people__toggle"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        <span className="people__faces" aria-hidden>
          {people.slice(0, 5).map((p) => (
            <span key={p.clientId} className="people__face" style={{ background: p.user.color }}>
              {p.user.name.slice(0, 1).toUpperCase()}
            </span>
          ))}
        </span>
        {messages.peopleCount(people.length)}
      </button>
      {open && (
        <ul className="people__list" aria-label={messages.people}>
          {people.map((p) => (
            <li key={p.clientId}>
              <span className="people__face" style={{ background: p.user.color }} aria-hidden>
                {p.user.name.slice(0, 1).toUpperCase()}
              </span>
              {p.user.name} {p.clientId === awareness.clientID ? messages.you : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
