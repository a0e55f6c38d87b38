import { useEffect, useMemo, useState } from 'react';
import { Box, type Editor, type TLShapeId } from 'tldraw';
import type * as Y from 'yjs';
import { readBoard } from '../../shared/board/readBoard';
import { applySuggestion } from '../../shared/similarity/applySuggestion';
import { suggestClusters } from '../../shared/similarity/suggestClusters';
import type { DocEditorBinding } from '../binding/DocEditorBinding';
import { shapeIdOf } from '../binding/shapeIds';
import { useI18n } from '../i18n/I18nProvider';

/**
 * "Sarankan kelompok": suggested clusters for the unclustered cards, as a preview in a side
 * sheet (the chosen cards are hinted on the canvas). Nothing changes until "Terapkan", which
 * applies the chosen suggestions in one transaction of this user's action origin: one undo.
 */
export function SuggestionSheet(props: {
  editor: Editor;
  doc: Y.Doc;
  binding: DocEditorBinding;
  onApplied(cardCount: number): void;
  onClose(): void;
}) {
  const { editor, doc, binding } = props;
  const { messages } = useI18n();
  // Computed once when the sheet opens: a preview of the board as it was then.
  const { suggestions, texts } = useMemo(() => {
    const { board } = readBoard(doc);
    return {
      suggestions: suggestClusters(board),
      texts: new Map(board.cards.map((c) => [c.id, c.text])),
    };
  }, [doc]);
  const [chosen, setChosen] = useState(() => new Set(suggestions.map((_, i) => i)));

  useEffect(() => {
    const ids = suggestions
      .filter((_, i) => chosen.has(i))
      .flatMap((s) => s.cardIds.map((id) => shapeIdOf(id) as TLShapeId))
      .filter((id) => editor.getShape(id) !== undefined);
    editor.setHintingShapes(ids);
    return () => {
      editor.setHintingShapes([]);
    };
  }, [editor, suggestions, chosen]);

  const apply = () => {
    const picked = suggestions.filter((_, i) => chosen.has(i));
    if (picked.length === 0) return;
    const cameraBefore = editor.getCamera();
    // Its own undo step: nothing typed just before is merged into it, nothing after.
    binding.undoManager.stopCapturing();
    const result = applySuggestion(doc, picked, binding.actionOrigin);
    // Undoing it brings the camera back here (the cards go back to where the person looked).
    binding.undoManager.undoStack.at(-1)?.meta.set('camera', cameraBefore);
    binding.undoManager.stopCapturing();
    props.onApplied(result.movedCardIds.length);
    // Show where the cards went: the new frames (laid out right of the board) or the cards.
    const shown = [
      ...result.createdClusterIds.map((id) => shapeIdOf(id) as TLShapeId),
      ...result.movedCardIds.map((id) => shapeIdOf(id) as TLShapeId),
    ].flatMap((id) => editor.getShapePageBounds(id) ?? []);
    const bounds = Box.Common(shown);
    if (shown.length > 0) {
      editor.zoomToBounds(bounds, { inset: 96, targetZoom: 1, animation: { duration: 300 } });
    }
  };

  return (
    <aside className="side-sheet" data-testid="suggest-sheet" aria-label={messages.suggestTitle}>
      <h2 className="side-sheet__title">{messages.suggestTitle}</h2>
      <p className="sheet__help">
        {suggestions.length > 0 ? messages.suggestHelp : messages.suggestNone}
      </p>
      <ul className="suggestions">
        {suggestions.map((s, i) => (
          <li key={`${i}-${s.title}`} className="suggestion" data-testid="suggestion">
            <label className="suggestion__head">
              <input
                type="checkbox"
                checked={chosen.has(i)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(i);
                  else next.delete(i);
                  setChosen(next);
                }}
                data-testid="suggestion-check"
              />
              <span className="suggestion__title" data-testid="suggestion-title">
                {s.title}
              </span>
            </label>
            <p className="suggestion__kind">
              {s.existingClusterId !== null
                ? messages.suggestIntoExisting(s.title)
                : messages.suggestNewIssue}{' '}
              · {messages.suggestCards(s.cardIds.length)}
            </p>
            <ul className="suggestion__cards">
              {s.cardIds.map((id) => (
                <li key={id}>{texts.get(id) ?? id}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <div className="sheet__actions side-sheet__actions">
        <button
          type="button"
          className="btn btn--ghost"
          onClick={props.onClose}
          data-testid="suggest-close"
        >
          {messages.close}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={chosen.size === 0}
          onClick={apply}
          data-testid="suggest-apply"
        >
          {messages.suggestApply}
        </button>
      </div>
    </aside>
  );
}
