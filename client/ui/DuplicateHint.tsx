import { useEffect, useState } from 'react';
import type { SimilarCard } from '../board/DuplicateIndex';
import { useI18n } from '../i18n/I18nProvider';

/** Wait this long after the last keystroke before looking for similar cards. */
const DEBOUNCE_MS = 150;

/** What the card form needs to warn about near-duplicates and offer a +1 instead. */
export interface DuplicateCheck {
  find(text: string): SimilarCard[];
  /**
   * In the Pilih phase adds this person's dot to an existing card; before it, adds them as a
   * supporter (no dot). Returns an error to show, or null when done.
   */
  plusOne(cardId: string): string | null;
  /** The button's text: "+1 pada kartu ini" (a vote) or "Saya juga mengalami ini". */
  label: string;
}

/** "Mirip dengan: …" under the text field, each with one tap "+1 pada kartu ini". */
export function DuplicateHint({ text, check }: { text: string; check: DuplicateCheck }) {
  const { messages } = useI18n();
  const [similar, setSimilar] = useState<SimilarCard[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSimilar(check.find(text)), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, check]);
  if (similar.length === 0) return null;
  return (
    <div className="similar" data-testid="similar" role="status">
      <p className="similar__title">{messages.similarTo}</p>
      <ul className="similar__list">
        {similar.map((s) => (
          <li
            key={s.cardId}
            className="similar__item"
            data-testid="similar-card"
            data-card={s.cardId}
          >
            <span className="similar__text">“{s.text}”</span>
            <button
              type="button"
              className="btn btn--small similar__plus"
              onClick={() => setError(check.plusOne(s.cardId))}
              data-testid="plus-one"
            >
              {check.label}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="similar__error" role="alert" data-testid="similar-error">
          {error}
        </p>
      )}
    </div>
  );
}
