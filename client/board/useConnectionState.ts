import { useSyncExternalStore } from 'react';
import type { BoardConnection, ConnectionState } from '../sync/BoardConnection';

/** The live state of a board connection, re-rendering on change. */
export function useConnectionState(connection: BoardConnection): ConnectionState {
  return useSyncExternalStore(
    (listener) => connection.subscribe(listener),
    () => connection.getState(),
  );
}
