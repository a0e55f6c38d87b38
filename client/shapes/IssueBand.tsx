import type { SyntheticEvent } from 'react';
import { useEditor, useSvgExportContext, useValue } from 'tldraw';
import { useBoardActions } from '../board/BoardActionsContext';
import { VoteControls } from '../board/VoteControls';
import { useI18n } from '../i18n/I18nProvider';

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
        {actions && !exporting && !readonly && (
          <button
            type="button"
            className="issue-band__edit"
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
