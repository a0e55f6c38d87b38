import { useState, type FormEvent } from 'react';
import { apiErrorText } from '../common/apiErrorText';
import { apiRequest, type ApiFailure } from '../common/apiRequest';
import { useI18n } from '../i18n/I18nProvider';

interface AuditLine {
  id: number;
  at: number;
  actor: string;
  role: string;
  action: string;
  boardId: string | null;
  detail: string;
}

/** Parses GET /api/events/:id/audit (untrusted). */
export function parseAudit(raw: unknown): AuditLine[] {
  const entries =
    typeof raw === 'object' && raw !== null ? (raw as { entries?: unknown }).entries : null;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const r = e as Record<string, unknown>;
    if (typeof r.id !== 'number' || typeof r.at !== 'number' || typeof r.action !== 'string')
      return [];
    let detail: string;
    try {
      detail = r.detail === undefined ? '' : JSON.stringify(r.detail).slice(0, 300);
    } catch {
      detail = '';
    }
    return [
      {
        id: r.id,
        at: r.at,
        actor: typeof r.actor === 'string' ? r.actor.slice(0, 80) : '',
        role: typeof r.role === 'string' ? r.role.slice(0, 20) : '',
        action: r.action.slice(0, 60),
        boardId: typeof r.boardId === 'string' ? r.boardId : null,
        detail: detail === '{}' ? '' : detail,
      },
    ];
  });
}

/** Staff only: the audit log of the event, and inviting a moderator by link. */
export function StaffPanel(props: { eventId: string; token: string | null }) {
  const { messages } = useI18n();
  const [audit, setAudit] = useState<AuditLine[] | null>(null);
  const [name, setName] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [copied, setCopied] = useState(false);
  const base = `/api/events/${encodeURIComponent(props.eventId)}`;

  const loadAudit = async () => {
    const r = await apiRequest(`${base}/audit`, { token: props.token });
    if (r.ok) setAudit(parseAudit(r.data));
    else setError(r.error);
  };

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setCopied(false);
    const r = await apiRequest(`${base}/moderators`, {
      token: props.token,
      body: { name: name.trim() },
    });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const l = (r.data as { link?: unknown } | null)?.link;
    setLink(typeof l === 'string' ? l : null);
  };

  return (
    <section className="panel" data-testid="staff-panel">
      <h2>{messages.staffTools}</h2>
      <form className="inline-form" onSubmit={invite}>
        <label className="field">
          <span>{messages.inviteModerator}</span>
          <input
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={messages.moderatorName}
            maxLength={80}
            data-testid="invite-name"
          />
        </label>
        <button
          type="submit"
          className="btn btn--primary"
          disabled={name.trim() === ''}
          data-testid="invite-submit"
        >
          {messages.inviteModerator}
        </button>
      </form>
      {link && (
        <div className="invite-link">
          <input className="input" readOnly value={link} data-testid="invite-link" />
          <button
            type="button"
            className="btn"
            onClick={() => {
              navigator.clipboard
                ?.writeText(link)
                .then(() => setCopied(true))
                .catch(() => setCopied(false));
            }}
          >
            {copied ? messages.copied : messages.copy}
          </button>
        </div>
      )}
      {error && <p className="alert alert--error">{apiErrorText(messages, error)}</p>}
      <details
        className="audit"
        onToggle={(e) => {
          if ((e.target as HTMLDetailsElement).open) void loadAudit();
        }}
      >
        <summary className="btn">{messages.auditLog}</summary>
        {audit !== null && (
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{messages.auditTime}</th>
                <th>{messages.auditWho}</th>
                <th>{messages.auditAction}</th>
                <th>{messages.auditBoard}</th>
                <th>{messages.auditDetail}</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((line) => (
                <tr key={line.id}>
                  <td>{new Date(line.at).toLocaleString()}</td>
                  <td>
                    {line.actor} <small>({line.role})</small>
                  </td>
                  <td>{line.action}</td>
                  <td>{line.boardId ?? '—'}</td>
                  <td className="audit__detail">{line.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </section>
  );
}
