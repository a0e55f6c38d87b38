import type { SyntheticEvent } from 'react';
import { useEditor, useSvgExportContext, useValue } from 'tldraw';
import { useBoardActions } from '../board/BoardActionsContext';
import { VoteControls } from '../board/VoteControls';
import { useI18n } from '../i18n/I18nProvider';

/** "Ubah isu" is at least this tall on screen (CSS px). */
const EDIT_BUTTON_PX = 48;
/** Further out than this, the button would crowd the frame: "Ubah isu" moves to the bar below. */
const MIN_EDIT_ZOOM = 0.4;

/**
 * The top of an issue frame: the whole title (wrapping, never cut), a big "Ubah isu" and the
 * issue's votes. tldraw's own frame heading is a small one-line label that truncates; it stays
 * (invisible) as the handle that selects and drags the frame.
 */
export function IssueBand({
  clusterId,
  title,
  w,
}: {
  clusterId: string;
  title: string;
  w: number;
}) {
  const editor = useEditor();
  const actions = useBoardActions();
  const exporting = useSvgExportContext() !== null;
  const { messages } = useI18n();
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor]);
  // The button keeps a finger's size on screen; far out, selecting the frame offers it below.
  const zoom = useValue('zoom', () => Math.round(editor.getZoomLevel() * 20) / 20, [editor]);
  const buttonPx = EDIT_BUTTON_PX / Math.max(zoom, 0.05);
  const showButton = zoom >= MIN_EDIT_ZOOM;
  const handled = (e: SyntheticEvent) => {
    editor.markEventAsHandled(e);
    e.stopPropagation();
  };
  return (
    <div
      className="issue-band"
      data-testid="issue-band"
      data-cluster={clusterId}
      style={{ width: w }}
    >
      <div className="issue-band__row">
        <h3 className="issue-band__title" data-testid="issue-title">
          {title || messages.clusterUntitled}
        </h3>
        {actions && !exporting && !readonly && showButton && (
          <button
            type="button"
            className="issue-band__edit"
            style={{ minHeight: buttonPx, fontSize: buttonPx * 0.38, borderRadius: buttonPx / 4 }}
            data-testid="edit-issue"
            onPointerDown={handled}
            onPointerUp={(e) => {
              handled(e);
              actions.editIssue(clusterId);
            }}
            onClick={(e) => {
              handled(e);
              if (e.detail === 0) actions.editIssue(clusterId);
            }}
          >
            ✎ {messages.editIssue}
          </button>
        )}
      </div>
      <VoteControls targetId={clusterId} kind="cluster" />
    </div>
  );
}
