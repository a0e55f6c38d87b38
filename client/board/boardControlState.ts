import type { BoardControl } from '../../shared/protocol';
import { DEFAULT_VOTE_BUDGET } from '../../shared/limits';

/**
 * True when this tablet may change the board. Mirrors what the server accepts: a locked board,
 * a read-only connection and a finished board refuse updates. Before the server has said
 * anything (first load offline) the board is editable: edits sync when the server answers.
 */
export function isBoardEditable(control: BoardControl | null): boolean {
  if (control === null) return true;
  return !control.locked && !control.readOnly && control.phase !== 'selesai';
}

/** True when dots can be placed: the Pilih phase of an editable board. */
export function isVotingOpen(control: BoardControl | null): boolean {
  return control !== null && control.phase === 'pilih' && isBoardEditable(control);
}

/** Each person's dots on this board (the moderator's budget, or the default). */
export function voteBudgetOf(control: BoardControl | null): number {
  return control?.voteBudget ?? DEFAULT_VOTE_BUDGET;
}
