import { apiRequest, type ApiFailure } from '../common/apiRequest';
import type { ConfirmRequest } from '../common/ConfirmDialog';
import type { Messages } from '../i18n/id';
import { parsePreview } from './parseHistory';
import { summaryText } from './summaryText';

const boardPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

/**
 * "Pulihkan": reads what the restore would change, asks the moderator with that summary, then
 * restores. `done` gets null on success or the failure (of the preview or the restore).
 */
export async function askRestore(options: {
  messages: Messages;
  board: { id: string; title: string };
  pointId: number;
  token: string | null;
  confirm(request: ConfirmRequest): void;
  done(error: ApiFailure | null): void;
}): Promise<void> {
  const { messages, board, pointId, token } = options;
  const preview = await apiRequest(`${boardPath(board.id)}/history/${pointId}`, { token });
  if (!preview.ok) return options.done(preview.error);
  const parsed = parsePreview(preview.data);
  const summary = parsed ? summaryText(messages, parsed.summary) : '';
  options.confirm({
    title: messages.restoreConfirmTitle(board.title),
    body: messages.restoreConfirmBody(summary),
    confirmLabel: messages.historyRestore,
    onConfirm: () => {
      void apiRequest(`${boardPath(board.id)}/restore`, { token, body: { pointId } }).then((r) =>
        options.done(r.ok ? null : r.error),
      );
    },
  });
}
