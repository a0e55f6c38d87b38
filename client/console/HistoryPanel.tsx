import { useCallback, useEffect, useState } from 'react';
import { apiErrorText } from '../common/apiErrorText';
import { apiRequest, type ApiFailure } from '../common/apiRequest';
import type { ConfirmRequest } from '../common/ConfirmDialog';
import { useI18n } from '../i18n/I18nProvider';
import {
  parsePoints,
  parsePreview,
  type HistoryPointView,
  type RestoreSummaryView,
} from './parseHistory';
import { clockTime } from './relativeTime';
import { askRestore } from './restoreFlow';
import { summaryText, whoText } from './summaryText';

const splitWho = (by: string) => {
  const at = by.indexOf(':');
  return at < 0 ? { role: by, name: '' } : { role: by.slice(0, at), name: by.slice(at + 1) };
};

/**
 * "Riwayat papan" of one board: its restore points (newest first), "Simpan titik pulih", a preview
 * of what restoring a point would change with a picture of the board then, and "Pulihkan" after
 * a confirmation. `version` changes when the board's history may have changed (an alarm).
 */
export function HistoryPanel(props: {
  board: { id: string; title: string };
  token: string | null;
  version: number;
  confirm(request: ConfirmRequest): void;
}) {
  const { messages } = useI18n();
  const { board, token } = props;
  const path = `/api/boards/${encodeURIComponent(board.id)}/history`;
  const [points, setPoints] = useState<HistoryPointView[] | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [preview, setPreview] = useState<{
    id: number;
    summary: RestoreSummaryView;
    svg: string;
  } | null>(null);

  const reload = useCallback(() => {
    void apiRequest(path, { token }).then((r) => {
      if (r.ok) setPoints(parsePoints(r.data));
      else setError(r.error);
    });
  }, [path, token]);
  useEffect(reload, [reload, props.version]);

  const save = () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    void apiRequest(path, { token, body: label.trim() ? { label: label.trim() } : {} }).then(
      (r) => {
        setBusy(false);
        if (!r.ok) return setError(r.error);
        setLabel('');
        setNotice(messages.historySaved);
        reload();
      },
    );
  };

  const show = (id: number) => {
    setError(null);
    if (preview?.id === id) return setPreview(null);
    void apiRequest(`${path}/${id}`, { token }).then((r) => {
      const parsed = r.ok ? parsePreview(r.data) : null;
      if (!r.ok) return setError(r.error);
      if (parsed) setPreview({ id, summary: parsed.summary, svg: parsed.thumbnailSvg });
    });
  };

  const restore = (id: number) => {
    setError(null);
    setNotice(null);
    void askRestore({
      messages,
      board,
      pointId: id,
      token,
      confirm: props.confirm,
      done: (failure) => {
        if (failure) return setError(failure);
        setPreview(null);
        setNotice(messages.historyRestored);
        reload();
      },
    });
  };

  return (
    <section className="history" aria-label={messages.historyTitle} data-testid="history-panel">
      <h4>{messages.historyTitle}</h4>
      <form
        className="history__save"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <input
          type="text"
          maxLength={120}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          placeholder={messages.historyLabelField}
          aria-label={messages.historyLabelField}
        />
        <button type="submit" className="btn" disabled={busy} data-testid="history-save">
          {messages.historySavePoint}
        </button>
      </form>
      {notice && (
        <p className="alert alert--ok" role="status" data-testid="history-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="alert alert--error" role="alert">
          {apiErrorText(messages, error)}
        </p>
      )}
      {points !== null && points.length === 0 && <p>{messages.historyEmpty}</p>}
      <ol className="history__list">
        {(points ?? []).map((point) => {
          const who = splitWho(point.by);
          return (
            <li key={point.id} data-testid="history-point" data-reason={point.reason}>
              <div className="history__row">
                <span className="history__time">{clockTime(point.at)}</span>
                <span className="history__what">
                  <strong>{messages.historyReason(point.reason, point.label)}</strong>
                  <small>
                    {who.role === 'system' ? '' : `${whoText(messages, who.role, who.name)} · `}
                    {messages.historyCounts(
                      point.counts.cards,
                      point.counts.clusters,
                      point.counts.votes,
                    )}
                  </small>
                </span>
                <button
                  type="button"
                  className="chip"
                  aria-expanded={preview?.id === point.id}
                  onClick={() => show(point.id)}
                  data-testid="history-preview"
                >
                  {messages.historyPreview}
                </button>
                <button
                  type="button"
                  className="btn"
                  onClick={() => restore(point.id)}
                  data-testid="history-restore"
                >
                  {messages.historyRestore}
                </button>
              </div>
              {preview?.id === point.id && (
                <div className="history__preview" data-testid="history-summary">
                  <p>
                    {messages.historyWouldChange} {summaryText(messages, preview.summary)}
                  </p>
                  {preview.svg && (
                    <img
                      className="history__thumb"
                      alt={messages.historyPointPicture}
                      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview.svg)}`}
                    />
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
