import type * as Y from 'yjs';
import { boardMaps, parseVoteKey } from '../../../../shared/board/boardDoc';
import { MAX_NAME_LENGTH } from '../../../../shared/limits';
import { ACCEPT, revert, type MapKey, type WriteRule } from '../WriteRule';
import { isParticipantWrite } from './participantOnly';

/**
 * "Saya juga mengalami ini" supports (`supports`, `card/person` -> name): a participant may only
 * support an existing card as the connection's own voter id, with a name of bounded length, and
 * only take back their own. Anything else it wrote there is put back, judged on the result (the
 * card may arrive in the same update). Moderators and server code are not held to it.
 */
export const supportRule: WriteRule = {
  name: 'support',
  check: ({ who, touched }) => {
    if (!isParticipantWrite(who) || who.kind !== 'client') return ACCEPT;
    const voterId = who.socket.info.voterId;
    const keys: MapKey[] = [...(touched.maps.get('supports')?.keys() ?? [])].map((key) => ({
      map: 'supports',
      key,
    }));
    return revert('support', keys, (doc, { key }) => !allowed(doc, key, voterId));
  },
};

function allowed(doc: Y.Doc, key: string, voterId: string | null): boolean {
  const parsed = parseVoteKey(key);
  if (parsed === null || parsed.voterId !== voterId) return false;
  const value: unknown = doc.getMap('supports').get(key);
  if (value === undefined) return true;
  return (
    typeof value === 'string' &&
    value.length <= MAX_NAME_LENGTH &&
    boardMaps(doc).cards.has(parsed.targetId)
  );
}
