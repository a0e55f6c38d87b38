import { BOARD_MAP_NAMES } from '../../../../shared/board/boardDoc';
import { CLOSE_CODES } from '../../../../shared/protocol';
import { ACCEPT, refuse, type WriteRule } from '../WriteRule';
import { isParticipantWrite } from './participantOnly';

const KNOWN = new Set<string>(BOARD_MAP_NAMES);

/**
 * A participant writes only into the board's own top-level maps. An unused top-level name once
 * carried 400,000 entries past the size limits; a top-level array or text is not our layout.
 * Refused whole and the socket closed: no honest client writes there.
 */
export const topLevelRule: WriteRule = {
  name: 'top-level',
  check: ({ who, touched }) => {
    if (!isParticipantWrite(who)) return ACCEPT;
    const unknown = [...touched.maps.keys()].some((name) => !KNOWN.has(name));
    if (!unknown && touched.unkeyed.size === 0) return ACCEPT;
    return refuse('unknown-top-level', {
      code: CLOSE_CODES.forbiddenWrite,
      reason: 'write outside the board layout',
    });
  },
};
