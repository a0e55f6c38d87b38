import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { can } from '../../shared/roles';
import { apiErrorText } from '../common/apiErrorText';
import { apiRequest, type ApiFailure } from '../common/apiRequest';
import { usePrincipal } from '../common/usePrincipal';
import { takeAccessToken } from '../config/accessToken';
import { useI18n } from '../i18n/I18nProvider';
import { parseGazetteerErrors, type GazetteerLineError } from './parseGazetteerErrors';

interface EventRow {
  id: string;
  title: string;
  year: number | null;
}

function parseEvents(raw: unknown): EventRow[] {
  const list =
    typeof raw === 'object' && raw !== null ? (raw as { events?: unknown }).events : null;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const { id, title, year } = e as Record<string, unknown>;
    return typeof id === 'string' &&
      /^[a-z0-9][a-z0-9-]{0,63}$/.test(id) &&
      typeof title === 'string'
      ? [{ id, title: title.slice(0, 300), year: typeof year === 'number' ? year : null }]
      : [];
  });
}

/** On the home page, for staff and moderators: their events with console links; staff create events. */
export function StaffEvents() {
  const { messages } = useI18n();
  const token = useMemo(() => takeAccessToken(), []);
  const principal = usePrincipal(token);
  const [events, setEvents] = useState<EventRow[]>([]);
  const [reload, setReload] = useState(0);
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [lineErrors, setLineErrors] = useState<GazetteerLineError[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const manages = principal != null && principal.role !== 'participant';

  useEffect(() => {
    if (!manages) return;
    let live = true;
    void apiRequest('/api/events', { token }).then((r) => {
      if (live && r.ok) setEvents(parseEvents(r.data));
    });
    return () => {
      live = false;
    };
  }, [manages, token, reload]);

  if (!manages || principal == null) return null;
  const staff = can(principal, 'event:create', { eventId: null });

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setLineErrors([]);
    setCreated(null);
    const gazetteerCsv = file ? await file.text() : undefined;
    const r = await apiRequest('/api/events', {
      token,
      body: { title: title.trim(), year: Number(year), ...(gazetteerCsv ? { gazetteerCsv } : {}) },
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      if (r.error.code === 'invalid-gazetteer')
        setLineErrors(parseGazetteerErrors(r.error.details));
      return;
    }
    const ev = (r.data as { event?: { id?: unknown } } | null)?.event;
    setCreated(typeof ev?.id === 'string' ? ev.id : null);
    setTitle('');
    setFile(null);
    setReload((n) => n + 1);
  };

  return (
    <section className="staff-home" data-testid="staff-events">
      <h2>{messages.manageEvents}</h2>
      <ul className="event-list">
        {events.map((ev) => (
          <li key={ev.id} className="event-list__item" data-testid="staff-event">
            <strong>{ev.title}</strong>
            {ev.year !== null && <span className="muted"> · {ev.year}</span>}
            <div className="button-row">
              <a className="btn btn--primary" href={`/m/${ev.id}`} data-testid="console-link">
                {messages.consoleTitle}
              </a>
              <a className="btn" href={`/e/${ev.id}/peta`}>
                {messages.issueMapLink}
              </a>
            </div>
          </li>
        ))}
      </ul>
      {staff && (
        <form className="stack panel" onSubmit={create} data-testid="create-event">
          <h3>{messages.createEvent}</h3>
          <label className="field">
            <span>{messages.eventTitle}</span>
            <input
              className="input"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={200}
              placeholder="Rembuk Remas 2026"
              data-testid="event-title"
            />
          </label>
          <label className="field">
            <span>{messages.eventYear}</span>
            <input
              className="input input--small"
              type="number"
              inputMode="numeric"
              min={2000}
              max={2100}
              value={year}
              onChange={(e) => setYear(e.target.value)}
              data-testid="event-year"
            />
          </label>
          <label className="field">
            <span>{messages.gazetteerFile}</span>
            {/* Our own words on the picker: the browser's say "Choose File" in its own language. */}
            <span className="file-pick">
              <span className="btn" aria-hidden="true">
                {messages.chooseFile}
              </span>
              <span className="file-pick__name">{file?.name ?? messages.noFileChosen}</span>
              <input
                type="file"
                className="visually-hidden"
                accept=".csv,text/csv"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                data-testid="event-gazetteer"
              />
            </span>
            <small className="muted">{messages.gazetteerHelp}</small>
          </label>
          {error && (
            <div className="alert alert--error" role="alert" data-testid="create-error">
              <p>{apiErrorText(messages, error)}</p>
              {lineErrors.length > 0 && (
                <ul data-testid="gazetteer-errors">
                  {lineErrors.map((l, i) => (
                    <li key={i}>
                      {l.line !== null ? `${messages.line} ${l.line}: ` : ''}
                      {l.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {created && (
            <p className="alert alert--ok" role="status">
              {messages.eventCreated} <a href={`/m/${created}`}>{messages.consoleTitle}</a>
            </p>
          )}
          <button
            type="submit"
            className="btn btn--big btn--primary"
            disabled={busy || title.trim() === '' || !/^\d{4}$/.test(year)}
            data-testid="event-create"
          >
            {messages.createEvent}
          </button>
        </form>
      )}
    </section>
  );
}
