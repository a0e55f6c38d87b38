import type { ReactNode } from 'react';
import type { Editor } from 'tldraw';
import { useI18n } from '../i18n/I18nProvider';
import { Icon, type IconName } from '../ui/Icon';

/** A bar button: icon and label (the label hides on a phone; the name stays for screen readers). */
export function BarButton(props: {
  icon: IconName;
  label: string;
  onClick(): void;
  testId: string;
  variant?: 'primary' | 'big' | 'danger';
  disabled?: boolean;
  /** Only the icon, at every width (zoom, redo): the label stays as the name and the tooltip. */
  iconOnly?: boolean;
  /** A number beside the icon that stays when the label hides (deleted cards). */
  badge?: number;
}) {
  const variant = props.variant ? ` btn--${props.variant}` : '';
  return (
    <button
      type="button"
      className={`btn btn--bar${variant}`}
      onClick={props.onClick}
      aria-label={props.label}
      title={props.label}
      disabled={props.disabled}
      data-testid={props.testId}
    >
      <Icon name={props.icon} />
      {props.badge !== undefined && <span className="btn__badge">{props.badge}</span>}
      {!props.iconOnly && <span className="btn__label">{props.label}</span>}
    </button>
  );
}

/**
 * The bar under the canvas (never over it): undo, redo and zoom on the left, what the selection
 * allows and the secondary tools in the middle, "+ Isu" and "+ Kartu" on the right.
 */
export function BoardBottomBar(props: {
  editor: Editor;
  editable: boolean;
  onUndo(): void;
  onRedo(): void;
  /** What the selection allows (edit, delete). */
  selection: ReactNode;
  /** The secondary tools (vote list, suggestions, image, deleted cards). */
  tools: ReactNode;
  onAddCluster(): void;
  onAddCard(): void;
}) {
  const { editor, editable } = props;
  const { messages } = useI18n();
  const fit = () => editor.zoomToFit({ animation: { duration: 200 } });
  return (
    <footer className="board-bar board-bar--bottom" data-testid="board-bottombar">
      <div className="board-bar__group board-undo">
        {editable && (
          <>
            <BarButton icon="undo" label={messages.undo} onClick={props.onUndo} testId="undo" />
            <BarButton
              icon="redo"
              label={messages.redo}
              onClick={props.onRedo}
              testId="redo"
              iconOnly
            />
          </>
        )}
        <BarButton
          icon="minus"
          label={messages.zoomOut}
          onClick={() => editor.zoomOut(undefined, { animation: { duration: 150 } })}
          testId="zoom-out"
          iconOnly
        />
        <BarButton icon="fit" label={messages.zoomFit} onClick={fit} testId="zoom-fit" iconOnly />
        <BarButton
          icon="plus"
          label={messages.zoomIn}
          onClick={() => editor.zoomIn(undefined, { animation: { duration: 150 } })}
          testId="zoom-in"
          iconOnly
        />
      </div>
      <div className="board-bar__group board-bar__middle">
        {props.selection}
        {props.tools}
      </div>
      {editable && (
        <div className="board-bar__group board-actions">
          <button
            type="button"
            className="btn btn--big"
            onClick={props.onAddCluster}
            aria-label={messages.addCluster}
            data-testid="add-cluster"
          >
            <Icon name="issue" />
            <span className="btn__label">{messages.addCluster}</span>
          </button>
          <button
            type="button"
            className="btn btn--big btn--primary"
            onClick={props.onAddCard}
            aria-label={messages.addCard}
            data-testid="add-card"
          >
            <Icon name="card" />
            <span className="btn__label btn__label--keep">{messages.addCard}</span>
          </button>
        </div>
      )}
    </footer>
  );
}
