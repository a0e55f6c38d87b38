import { useState } from 'react';
import { authedDownload } from '../common/authedDownload';
import { openAuthedPage } from '../common/openAuthedPage';
import { useI18n } from '../i18n/I18nProvider';

const DOWNLOADS = [
  { format: 'xlsx', label: 'XLSX (Excel)' },
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'md', label: 'Markdown' },
] as const;

/**
 * Issue-map exports: files fetched with the token in the header, and the printable report in a
 * new tab the same way (never `?token=` in an address, where it lands in history and logs).
 */
export function ExportPanel(props: { eventId: string; token: string | null }) {
  const { messages } = useI18n();
  const [failed, setFailed] = useState(false);
  const base = `/api/events/${encodeURIComponent(props.eventId)}/issue-map`;
  return (
    <section className="panel" data-testid="exports">
      <h2>{messages.exports}</h2>
      <div className="button-row">
        {DOWNLOADS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="btn"
            onClick={() => {
              setFailed(false);
              authedDownload(
                `${base}.${format}`,
                props.token,
                `peta-isu-${props.eventId}.${format}`,
              )
                .then((ok) => setFailed(!ok))
                .catch(() => setFailed(true));
            }}
            data-testid={`export-${format}`}
          >
            {label}
          </button>
        ))}
        <button
          type="button"
          className="btn"
          onClick={() => {
            setFailed(false);
            void openAuthedPage(`${base}.html`, props.token).then((ok) => setFailed(!ok));
          }}
          data-testid="report-link"
        >
          {messages.printReport}
        </button>
        <a
          className="btn btn--primary"
          href={`/e/${encodeURIComponent(props.eventId)}/peta`}
          data-testid="issue-map-link"
        >
          {messages.issueMapLink}
        </a>
      </div>
      {failed && <p className="alert alert--error">{messages.exportFailed}</p>}
    </section>
  );
}
