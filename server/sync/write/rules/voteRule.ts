import { boardMaps, parseVoteKey } from '../../../../shared/board/boardDoc';
import { MAX_VOTES_PER_TARGET } from '../../../../shared/limits';
import { ACCEPT, revert, type WriteRule } from '../WriteRule';

/**
 * The dot-vote rules for a client's write: every vote key it writes must carry the connection's
 * own voter id, each value must be a whole number of dots within limits, and the voter's total
 * afterwards must be within the budget (0 once the board is `selesai`). Otherwise every vote key
 * it wrote is put back. Removing dots is always allowed (deleting a card removes everyone's dots
 * on it). The update is not dropped: the client's later edits depend on it. Without identities
 * (a server run with no authorizer) there is no voter to hold to the rules.
 */
export const voteRule: WriteRule = {
  name: 'vote',
  check: ({ who, control, doc, touched }) => {
    if (who.kind !== 'client' || who.socket.info.voterId === null) return ACCEPT;
    const voterId = who.socket.info.voterId;
    const touchedVotes = touched.maps.get('votes');
    if (!touchedVotes) return ACCEPT;
    const written = new Map<string, number | null>();
    let foreign = false;
    for (const [key, entry] of touchedVotes) {
      if (entry.values.length === 0) continue;
      const parsed = parseVoteKey(key);
      for (const value of entry.values) {
        const valid = isDotCount(value);
        if (parsed === null || parsed.voterId !== voterId || !valid) foreign = true;
        written.set(key, valid ? value : null);
      }
    }
    if (written.size === 0) return ACCEPT;
    const keys = [...written.keys()].map((key) => ({ map: 'votes', key }));
    if (foreign) return revert('vote', keys);
    const budget = control.phase === 'selesai' ? 0 : control.voteBudget;
    let total = 0;
    boardMaps(doc).votes.forEach((value, key) => {
      if (!written.has(key) && parseVoteKey(key)?.voterId === voterId && typeof value === 'number')
        total += value;
    });
    for (const value of written.values()) total += value ?? 0;
    return total <= budget ? ACCEPT : revert('vote', keys);
  },
};

function isDotCount(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= MAX_VOTES_PER_TARGET
  );
}
