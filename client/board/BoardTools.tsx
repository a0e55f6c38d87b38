import { useState } from 'react';
import type { Editor } from 'tldraw';
import { useI18n } from '../i18n/I18nProvider';
import {
  boardImage,
  boardImageFileName,
  downloadBlob,
  type BoardImageFormat,
} from './exportBoardImage';

/** The board's secondary actions: group suggestions, image download, calling a facilitator. */
export function BoardTools(props: {
  editor: Editor;
  boardId: string;
  editable: boolean;
  onSuggest(): void;
  onCallFacilitator(): void;
  notify(message: string): void;
}) {
  const { messages } = useI18n();
  const [exportOpen, setExportOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const download = async (format: BoardImageFormat) => {
    setBusy(true);
    try {
      const blob = await boardImage(props.editor, format);
      if (blob === null) props.notify(messages.exportEmpty);
      else downloadBlob(blob, boardImageFileName(props.boardId, format));
      setExportOpen(false);
    } catch {
      props.notify(messages.imageExportFailed);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="board-tools">
      {props.editable && (
        <button
          type="button"
          className="btn"
          onClick={props.onSuggest}
          data-testid="suggest-clusters"
        >
          {messages.suggestClusters}
        </button>
      )}
      <div className="board-tools__export">
        <button
          type="button"
          className="btn"
          aria-expanded={exportOpen}
          onClick={() => setExportOpen(!exportOpen)}
          data-testid="export-image"
        >
          {messages.exportImage}
        </button>
        {exportOpen && (
          <div className="board-tools__menu">
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void download('png')}
              data-testid="export-png"
            >
              {messages.exportPng}
            </button>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void download('svg')}
              data-testid="export-svg"
            >
              {messages.exportSvg}
            </button>
          </div>
        )}
      </div>
      <button
        type="button"
        className="btn btn--call"
        onClick={props.onCallFacilitator}
        data-testid="call-facilitator"
      >
        {messages.callFacilitator}
      </button>
    </div>
  );
}
