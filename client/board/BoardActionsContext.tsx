import { createContext, useContext } from 'react';

/** What shapes on the canvas may ask of the board's own layer (forms and sheets live there). */
export interface BoardActions {
  /** Opens "Ubah isu" for this cluster. */
  editIssue(clusterId: string): void;
  /** Shows a card's whole text ("selengkapnya"). */
  showCardText(cardId: string): void;
}

export const BoardActionsContext = createContext<BoardActions | null>(null);

/** The board's actions, or null in an image export (rendered outside the board). */
export function useBoardActions(): BoardActions | null {
  return useContext(BoardActionsContext);
}
