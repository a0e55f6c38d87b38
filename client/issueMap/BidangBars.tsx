import { useState } from 'react';
import type { IssueMap } from '../../shared/issueMap/types';
import { useI18n } from '../i18n/I18nProvider';

/** A bar per bidang: strategic issues (by dominant bidang) or problems, switchable. */
export function BidangBars(props: { map: IssueMap; colorOf(bidangId: string | null): string }) {
  const { messages } = useI18n();
  const [what, setWhat] = useState<'issues' | 'cards'>('issues');
  const rows = props.map.summary.byBidang.filter((r) => r.bidang !== null || r.cards > 0);
  const max = Math.max(1, ...rows.map((r) => r[what]));
  return (
    <div data-testid="bidang-bars">
      <div className="button-row" role="group">
        <button
          type="button"
          className={`chip ${what === 'issues' ? 'chip--on' : ''}`}
          aria-pressed={what === 'issues'}
          onClick={() => setWhat('issues')}
        >
          {messages.strategicIssues}
        </button>
        <button
          type="button"
          className={`chip ${what === 'cards' ? 'chip--on' : ''}`}
          aria-pressed={what === 'cards'}
          onClick={() => setWhat('cards')}
        >
          {messages.problems}
        </button>
      </div>
      <ul className="bars">
        {rows.map((r) => (
          <li key={r.bidang?.id ?? '-'} className="bars__row">
            <span className="bars__label">{r.bidang?.nama ?? messages.noBidang}</span>
            <span className="bars__track">
              <span
                className="bars__bar"
                style={{
                  width: `${(r[what] / max) * 100}%`,
                  background: props.colorOf(r.bidang?.id ?? null),
                }}
              />
            </span>
            <span className="bars__value">{r[what]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
