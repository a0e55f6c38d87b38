import * as Y from 'yjs';
import { boardMaps } from '../../shared/board/boardDoc';
import { MERGE_RECORD_MAP } from '../../shared/merge/mergeRecord';

/** The origin of the change an import makes to a merged board's references. */
export const IMPORT_ORIGIN = 'papan-import';

/** `boardId/rest` with boardId renamed, or null when the board is not renamed. */
function renameKey(key: string, rename: ReadonlyMap<string, string>): string | null {
  const slash = key.indexOf('/');
  if (slash <= 0) return null;
  const to = rename.get(key.slice(0, slash));
  return to === undefined ? null : `${to}${key.slice(slash)}`;
}

/**
 * Points a merged board at its source boards' new ids after an import gave the event new ids:
 * each card's `source.boardId` and the merge record's keys (`card/<board>/<card>`,
 * `votes/<board>`, issue members `<board>/<cluster>`), so a later re-merge finds the cards it
 * made instead of adding them again. One ordinary change on top of the imported state; every
 * other entry is left exactly as it was. Returns whether anything changed.
 */
export function renameBoardReferences(doc: Y.Doc, rename: ReadonlyMap<string, string>): boolean {
  let changed = false;
  doc.transact(() => {
    boardMaps(doc).cards.forEach((card) => {
      if (!(card instanceof Y.Map)) return;
      const source: unknown = card.get('source');
      if (typeof source !== 'object' || source === null || Array.isArray(source)) return;
      const from = (source as Record<string, unknown>).boardId;
      const to = typeof from === 'string' ? rename.get(from) : undefined;
      if (to === undefined) return;
      card.set('source', { ...source, boardId: to });
      changed = true;
    });
    const record = doc.getMap<unknown>(MERGE_RECORD_MAP);
    for (const key of Array.from(record.keys())) {
      const value = record.get(key);
      const prefix = key.startsWith('card/') ? 'card/' : key.startsWith('votes/') ? 'votes/' : null;
      const renamed = prefix === null ? null : renameKey(key.slice(prefix.length), rename);
      if (prefix !== null && renamed !== null) {
        record.delete(key);
        record.set(`${prefix}${renamed}`, value);
        changed = true;
      } else if (key.startsWith('issue/') && typeof value === 'object' && value !== null) {
        const members: unknown = (value as Record<string, unknown>).members;
        if (!Array.isArray(members)) continue;
        const next = members.map((m: unknown) =>
          typeof m === 'string' ? (renameKey(m, rename) ?? m) : m,
        );
        if (next.some((m, i) => m !== members[i])) {
          record.set(key, { ...value, members: next });
          changed = true;
        }
      }
    }
  }, IMPORT_ORIGIN);
  return changed;
}
