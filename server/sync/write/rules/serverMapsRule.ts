import { ACCEPT, revert, type MapKey, type WriteRule } from '../WriteRule';
import { isParticipantWrite } from './participantOnly';

/** Top-level maps only the server writes: the board's identity and a merged board's record. */
export const SERVER_MAPS = ['meta', 'mergeRecord'] as const;

/**
 * `meta` (title, kind, kecamatan) and `mergeRecord` are the server's: every key a participant's
 * write changes there, directly or inside, is put back. A participant once retitled a board and
 * the event's exports printed the new title.
 */
export const serverMapsRule: WriteRule = {
  name: 'server-maps',
  check: ({ who, touched }) => {
    if (!isParticipantWrite(who)) return ACCEPT;
    const keys: MapKey[] = [];
    for (const map of SERVER_MAPS) {
      for (const key of touched.maps.get(map)?.keys() ?? []) keys.push({ map, key });
    }
    return revert('server-owned', keys);
  },
};
