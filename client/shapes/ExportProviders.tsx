import type { ReactNode } from 'react';
import { useSvgExportContext } from 'tldraw';
import { BoardInfoContext, type BoardInfo } from '../board/BoardInfoContext';
import { VotingContext, type Voting } from '../board/VotingContext';
import type { Messages } from '../i18n/id';
import { I18nProvider } from '../i18n/I18nProvider';

/** What shapes need from the board page, kept by the board's canvas for image exports. */
export interface BoardViewHolder {
  info: BoardInfo | null;
  voting: Voting | null;
  messages: Messages | null;
}

/**
 * tldraw renders an image export in a React root of its own, outside our providers. While
 * exporting, this gives the shapes the same board info, catalogue and votes the canvas has.
 */
export function ExportProviders(props: { board: BoardViewHolder | null; children: ReactNode }) {
  const exporting = useSvgExportContext() !== null;
  const { board } = props;
  if (!exporting || board === null || board.info === null) return props.children;
  return (
    <I18nProvider>
      <BoardInfoContext.Provider value={board.info}>
        <VotingContext.Provider value={board.voting}>{props.children}</VotingContext.Provider>
      </BoardInfoContext.Provider>
    </I18nProvider>
  );
}
