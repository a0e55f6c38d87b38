import { ACCEPT, refuse, type WriteRule } from '../WriteRule';

/**
 * A locked board takes no client writes. Server code (a merge, a restore) still writes. The
 * refused update stays on its client; at unlock the room asks for it again (Room.setControl).
 */
export const lockRule: WriteRule = {
  name: 'lock',
  check: ({ who, control }) =>
    who.kind === 'client' && control.locked ? refuse('locked') : ACCEPT,
};
