import { ACCEPT, refuse, type WriteRule } from '../WriteRule';

/** A read-only token (observers, projectors) may sync but never change the board. */
export const readOnlyRule: WriteRule = {
  name: 'read-only',
  check: ({ who }) =>
    who.kind === 'client' && who.socket.info.readOnly ? refuse('read-only') : ACCEPT,
};
