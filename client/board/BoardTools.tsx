import { useState } from 'react';
import type { Editor } from 'tldraw';
import { useI18n } from '../i18n/I18nProvider';
import { Icon } from '../ui/Icon';
import {
  boardImage,
  boardImageFileName,
  downloadBlob,
  type BoardImageFormat,
} from './exportBoardImage';

/** The board's secondary actions: group suggestions and image download (icons on a phone). */
export function BoardTools(props: {
  editor: Editor;
  boardId: string;
  canSuggest: boolean;
  /** Icons only (a selection's actions need the room). */
  compact: boolean;
  onSuggest(): void;
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
      {props.canSuggest && (
        <button
          type="button"
          className="btn"
          onClick={props.onSuggest}
          aria-label={messages.suggestClusters}
          title={messages.suggestClusters}
          data-testid="suggest-clusters"
        >
          <Icon name="sparkle" />
          {!props.compact && <span className="btn__label">{messages.suggestClusters}</span>}
        </button>
      )}
      <div className="board-tools__export">
        <button
          type="button"
          className="btn"
          aria-expanded={exportOpen}
          onClick={() => setExportOpen(!exportOpen)}
          aria-label={messages.exportImage}
          title={messages.exportImage}
          data-testid="export-image"
        >
          <Icon name="download" />
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
    </div>
  );
}
