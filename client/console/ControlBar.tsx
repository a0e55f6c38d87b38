import { useState } from 'react';
import { BOARD_PHASES, type BoardPhase } from '../../shared/protocol';
import type { ConfirmRequest } from '../common/ConfirmDialog';
import { useI18n } from '../i18n/I18nProvider';
import { Countdown } from './Countdown';
import type { LiveControl } from './parseLive';
import { phaseLabel } from '../i18n/phaseLabel';
import type { ControlPatch } from './postControl';

const TIMER_MINUTES = [5, 10, 15] as const;
const MAX_CUSTOM_MINUTES = 360;

/**
 * Phase, timer, lock and vote budget for one board (`control` given) or for every board
 * (`control` null: nothing shows as selected, since boards may differ). A phase for every
 * board, and "Selesai" anywhere, is asked first through `confirm`: one tap reaches every table.
 */
export function ControlBar(props: {
  control: LiveControl | null;
  /** The board's title, or null for every board. */
  title: string | null;
  clockOffset: number;
  onChange(patch: ControlPatch): void;
  confirm(request: ConfirmRequest): void;
  busy: boolean;
  testId: string;
}) {
  const { messages } = useI18n();
  const { control, onChange, busy, testId } = props;
  const choosePhase = (phase: BoardPhase) => {
    const all = props.title === null;
    if (!all && phase !== 'selesai') return onChange({ phase });
    const label = phaseLabel(messages, phase);
    props.confirm({
      title:
        phase === 'selesai'
          ? messages.confirmEndTitle(props.title)
          : messages.confirmPhaseAllTitle(label),
      body: phase === 'selesai' ? messages.confirmEndBody(all) : messages.confirmPhaseAllBody,
      confirmLabel: phase === 'selesai' ? messages.confirmEndOk : messages.confirmPhaseOk(label),
      onConfirm: () => onChange({ phase }),
    });
  };
  const [custom, setCustom] = useState('');
  const [budget, setBudget] = useState<number | null>(null);
  const shownBudget = budget ?? control?.voteBudget ?? 3;
  const customMinutes = Number(custom);
  const customOk =
    Number.isInteger(customMinutes) && customMinutes >= 1 && customMinutes <= MAX_CUSTOM_MINUTES;

  return (
    <div className="control-bar" data-testid={testId}>
      <div className="control-bar__row" role="group" aria-label={messages.phase}>
        <span className="control-bar__label" aria-hidden="true">
          {messages.phase}
        </span>
        {BOARD_PHASES.map((phase) => (
          <button
            key={phase}
            type="button"
            className={`chip ${control?.phase === phase ? 'chip--on' : ''}`}
            aria-pressed={control?.phase === phase}
            disabled={busy}
            onClick={() => choosePhase(phase)}
            data-testid={`${testId}-phase-${phase}`}
          >
            {phaseLabel(messages, phase)}
          </button>
        ))}
      </div>
      <div className="control-bar__row" role="group" aria-label={messages.timer}>
        <span className="control-bar__label" aria-hidden="true">
          {messages.timerShort}
        </span>
        {TIMER_MINUTES.map((m) => (
          <button
            key={m}
            type="button"
            className="chip"
            disabled={busy}
            onClick={() => onChange({ timerSeconds: m * 60 })}
            data-testid={`${testId}-timer-${m}`}
          >
            {messages.minutes(m)}
          </button>
        ))}
        <form
          className="control-bar__custom"
          onSubmit={(e) => {
            e.preventDefault();
            if (customOk) onChange({ timerSeconds: customMinutes * 60 });
          }}
        >
          <input
            className="input input--small"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_CUSTOM_MINUTES}
            value={custom}
            placeholder={messages.timerCustom}
            aria-label={messages.timerCustom}
            onChange={(e) => setCustom(e.target.value)}
            data-testid={`${testId}-timer-custom`}
          />
          <button type="submit" className="chip" disabled={busy || !customOk}>
            {messages.timerStart}
          </button>
        </form>
        {(control === null || control.timerEndsAt !== null) && (
          <button
            type="button"
            className="chip"
            disabled={busy}
            onClick={() => onChange({ timerSeconds: null })}
            data-testid={`${testId}-timer-stop`}
          >
            ■ {messages.timerStop}
          </button>
        )}
        {control && <Countdown endsAt={control.timerEndsAt} clockOffset={props.clockOffset} />}
      </div>
      <div className="control-bar__row">
        {control === null ? (
          <>
            <button
              type="button"
              className="chip"
              disabled={busy}
              onClick={() => onChange({ locked: true })}
              data-testid={`${testId}-lock`}
            >
              {messages.lockAll}
            </button>
            <button
              type="button"
              className="chip"
              disabled={busy}
              onClick={() => onChange({ locked: false })}
              data-testid={`${testId}-unlock`}
            >
              {messages.unlockAll}
            </button>
          </>
        ) : (
          <button
            type="button"
            className={`chip ${control.locked ? 'chip--warn' : ''}`}
            aria-pressed={control.locked}
            disabled={busy}
            onClick={() => onChange({ locked: !control.locked })}
            data-testid={`${testId}-lock`}
          >
            {control.locked ? `${messages.unlock}` : `${messages.lock}`}
          </button>
        )}
        <span className="stepper" role="group" aria-label={messages.voteBudget}>
          <span className="stepper__label">{messages.voteBudget}</span>
          <button
            type="button"
            className="chip chip--square"
            disabled={busy || shownBudget <= 0}
            onClick={() => setBudget(Math.max(0, shownBudget - 1))}
            aria-label="−"
          >
            −
          </button>
          <span className="stepper__value" data-testid={`${testId}-budget`}>
            {shownBudget}
          </span>
          <button
            type="button"
            className="chip chip--square"
            disabled={busy || shownBudget >= 50}
            onClick={() => setBudget(Math.min(50, shownBudget + 1))}
            aria-label="+"
          >
            +
          </button>
          {budget !== null && budget !== control?.voteBudget && (
            <button
              type="button"
              className="chip chip--on"
              disabled={busy}
              onClick={() => {
                onChange({ voteBudget: budget });
                setBudget(null);
              }}
              data-testid={`${testId}-budget-set`}
            >
              {messages.apply}
            </button>
          )}
        </span>
      </div>
    </div>
  );
}
