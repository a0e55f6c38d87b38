import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** "mm:ss" (or "h:mm:ss") for a number of seconds. */
export function formatRemaining(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The time left on a board's timer, by the server's clock; nothing when no timer runs. */
export function Countdown(props: { endsAt: number | null; clockOffset: number; testId?: string }) {
  const { messages } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (props.endsAt === null) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [props.endsAt]);
  if (props.endsAt === null) return null;
  const left = (props.endsAt - (now + props.clockOffset)) / 1000;
  return (
    <span
      className={`countdown ${left <= 0 ? 'countdown--done' : left <= 60 ? 'countdown--soon' : ''}`}
      data-testid={props.testId ?? 'countdown'}
      role="timer"
    >
      {left <= 0 ? messages.timerDone : formatRemaining(left)}
    </span>
  );
}
