import { createContext, useContext, useSyncExternalStore } from 'react';
import type { BoardConnection, ConnectionState } from '../sync/BoardConnection';

/**
 * The board's live connection and control state (phase, lock, timer, vote budget and voter id
 * from the server), read by the control strip, the read-only canvas and the vote controls.
 * Without the count of unsaved changes: it changes with every local edit, and each new value
 * of a context makes React search the whole canvas (hundreds of cards) for its readers.
 */
export type ControlState = Omit<ConnectionState, 'pending'>;

export const ControlContext = createContext<ControlState | null>(null);

/** The board's connection, for what changes too often for a context (the unsaved count). */
export const BoardConnectionContext = createContext<BoardConnection | null>(null);

/** The connection and control state of the current board. */
export function useControl(): ControlState {
  const state = useContext(ControlContext);
  if (state === null) throw new Error('useControl outside a board page');
  return state;
}

const noSubscribe = () => () => undefined;
const noPending = () => null;

/** Our changes the server has not confirmed yet (null until it first says; outside a board). */
export function usePendingChanges(): number | null {
  const connection = useContext(BoardConnectionContext);
  return useSyncExternalStore(
    connection ? (listener) => connection.subscribe(listener) : noSubscribe,
    connection ? () => connection.getState().pending : noPending,
  );
}
