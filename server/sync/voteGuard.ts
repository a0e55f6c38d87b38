import * as Y from 'yjs';
import { parseVoteKey } from '../../shared/board/boardDoc';
import { MAX_VOTES_PER_TARGET } from '../../shared/limits';

/** A vote entry an update wrote against the rules, and what the entry held before it. */
export interface VoteViolation {
  key: string;
  previous: number | undefined;
}

/** Resolves the map key an item writes: from its own parent info or from its neighbours. */
function keyOf(
  item: Y.Item,
  votes: Y.Map<unknown>,
  doc: Y.Doc,
  inUpdate: Map<string, Y.Item>,
): string | null | undefined {
  if (typeof item.parent === 'string')
    return item.parent === 'votes' ? (item.parentSub ?? null) : undefined;
  if (item.parent !== null) return undefined; // a nested type (cards, clusters...)
  for (const id of [item.origin, item.rightOrigin]) {
    if (!id) continue;
    const neighbour = inUpdate.get(`${id.client}:${id.clock}`) ?? findItem(doc, id);
    if (!neighbour) continue;
    if (neighbour.parent === votes) return neighbour.parentSub;
    if (neighbour.parent instanceof Y.AbstractType) return undefined;
    if (inUpdate.has(`${id.client}:${id.clock}`)) return keyOf(neighbour, votes, doc, inUpdate);
  }
  return undefined;
}

function findItem(doc: Y.Doc, id: Y.ID): Y.Item | null {
  try {
    const struct = Y.getItem(doc.store, id);
    return struct instanceof Y.Item ? struct : null;
  } catch {
    return null; // not in the doc (yet)
  }
}

/**
 * The server's dot-vote rules for one client update, checked before it is applied: every vote key
 * it writes must carry the connection's own voter id, each value must be a whole number of dots
 * within limits, and the voter's total afterwards must be within `budget` (0 when voting is over).
 * Returns the entries to put back. Removing dots is always allowed (deleting a card removes
 * everyone's dots on it). The room does not drop such an update (the client's later edits depend
 * on it) but follows it at once with a server change restoring these entries, so forged voter ids
 * and stuffed ballots never count.
 */
export function findVoteViolations(
  doc: Y.Doc,
  update: Uint8Array,
  voterId: string | null,
  budget: number,
): VoteViolation[] {
  const { structs } = Y.decodeUpdate(update);
  const votes = doc.getMap('votes');
  const inUpdate = new Map<string, Y.Item>();
  for (const struct of structs) {
    if (struct instanceof Y.Item) inUpdate.set(`${struct.id.client}:${struct.id.clock}`, struct);
  }
  const written = new Map<string, number | null>();
  let foreign = false;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const key = keyOf(struct, votes, doc, inUpdate);
    if (key === undefined || key === null) continue;
    const parsed = parseVoteKey(key);
    const content = struct.content;
    const value = content instanceof Y.ContentAny ? content.getContent()[0] : undefined;
    const valid =
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= 1 &&
      value <= MAX_VOTES_PER_TARGET;
    if (parsed === null || voterId === null || parsed.voterId !== voterId || !valid) foreign = true;
    written.set(key, valid ? (value as number) : null);
  }
  if (written.size === 0) return [];
  const previous = (key: string) => {
    const value = votes.get(key);
    return typeof value === 'number' ? value : undefined;
  };
  if (!foreign) {
    let total = 0;
    votes.forEach((value, key) => {
      if (!written.has(key) && parseVoteKey(key)?.voterId === voterId && typeof value === 'number')
        total += value;
    });
    for (const value of written.values()) total += value ?? 0;
    if (total <= budget) return [];
  }
  return [...written.keys()].map((key) => ({ key, previous: previous(key) }));
}
