import { useEffect, useState } from 'react';
import { apiRequest } from '../common/apiRequest';
import { useI18n } from '../i18n/I18nProvider';
import { parseBackupStatus, type BackupStatusView } from './parseHistory';
import { relativeTime } from './relativeTime';

/** How often the console asks for the rolling backups' status. */
const POLL_MS = 60_000;

/** One line: when the last rolling backup was made, or that the last one failed (in red). */
export function BackupStatusLine(props: { eventId: string; token: string | null; now: number }) {
  const { messages } = useI18n();
  const [status, setStatus] = useState<BackupStatusView | null>(null);
  const { eventId, token } = props;

  useEffect(() => {
    let live = true;
    const load = () =>
      void apiRequest(`/api/events/${encodeURIComponent(eventId)}/backups`, { token }).then((r) => {
        if (live && r.ok) setStatus(parseBackupStatus(r.data));
      });
    load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [eventId, token]);

  if (!status) return null;
  const failing = status.enabled && status.failing;
  const text = !status.enabled
    ? messages.backupOff
    : failing
      ? messages.backupFailed(status.lastErrorMessage ?? '')
      : status.lastSuccessAt === null
        ? messages.backupNone
        : messages.backupLast(relativeTime(messages, status.lastSuccessAt, props.now));
  return (
    <p
      className={failing ? 'alert alert--error' : 'backup-status'}
      role={failing ? 'alert' : undefined}
      data-testid="backup-status"
      data-failing={failing}
    >
      {text}
    </p>
  );
}
