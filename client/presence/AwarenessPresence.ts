import {
  InstancePresenceRecordType,
  type Editor,
  type TLInstancePresence,
  type TLPageId,
} from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import { PAGE_ID } from '../binding/shapeIds';
import { parsePresenceState, throttleLatest, type PresenceState } from './presenceState';

/** Cursor updates per second at most: presence is the real scaling cost of a room. */
export const CURSOR_HZ = 10;

/**
 * Publishes our cursor and name through awareness (throttled to CURSOR_HZ) and shows everyone
 * else's as tldraw collaborator cursors (instance_presence records, which stay local).
 */
export function bindPresence(
  editor: Editor,
  awareness: Awareness,
  user: () => PresenceState['user'],
): () => void {
  awareness.setLocalStateField('user', user());
  const publishCursor = throttleLatest<{ x: number; y: number }>(
    (cursor) => awareness.setLocalStateField('cursor', cursor),
    1000 / CURSOR_HZ,
  );
  const onEvent = (info: { type: string; name: string }) => {
    if (info.type !== 'pointer' || info.name !== 'pointer_move') return;
    const point = editor.inputs.getCurrentPagePoint();
    publishCursor({ x: Math.round(point.x), y: Math.round(point.y) });
  };
  editor.on('event', onEvent);

  const shown = new Map<number, TLInstancePresence['id']>();
  const render = (changes?: { added: number[]; updated: number[]; removed: number[] }) => {
    // Our own cursor (10 times a second while a finger moves) changes nothing shown here.
    const own = awareness.clientID;
    if (
      changes &&
      [...changes.added, ...changes.updated, ...changes.removed].every((c) => c === own)
    )
      return;
    const records: TLInstancePresence[] = [];
    const seen = new Set<number>();
    awareness.getStates().forEach((raw, clientId) => {
      if (clientId === awareness.clientID) return;
      const state = parsePresenceState(raw);
      if (state === null || state.cursor === null) return;
      seen.add(clientId);
      const id = InstancePresenceRecordType.createId(String(clientId));
      shown.set(clientId, id);
      records.push(
        InstancePresenceRecordType.create({
          id,
          userId: `${state.user.id}:${clientId}`,
          userName: state.user.name,
          color: state.user.color,
          currentPageId: PAGE_ID as TLPageId,
          cursor: { x: state.cursor.x, y: state.cursor.y, type: 'default', rotation: 0 },
          lastActivityTimestamp: Date.now(),
        }),
      );
    });
    const gone = [...shown].filter(([clientId]) => !seen.has(clientId));
    for (const [clientId] of gone) shown.delete(clientId);
    editor.store.mergeRemoteChanges(() => {
      if (records.length > 0) editor.store.put(records);
      if (gone.length > 0) editor.store.remove(gone.map(([, id]) => id));
    });
  };
  awareness.on('change', render);
  return () => {
    editor.off('event', onEvent);
    awareness.off('change', render);
  };
}
