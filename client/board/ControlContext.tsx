import { createContext, useContext } from 'react';
import type { ConnectionState } from '../sync/BoardConnection';

/**
 * The board's live connection and control state (phase, lock, timer, vote budget and voter id
 * from the server), read by the control strip, the read-only canvas and the vote controls.
 */
export const ControlContext = createContext<ConnectionState | null>(null);

/** The connection and control state of the current board. */
export function useControl(): ConnectionState {
  const state = useContext(ControlContext);
  if (state === null) throw new Error('useControl outside a board page');
  return state;
}
