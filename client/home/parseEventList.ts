import { isBoardId } from '../../shared/protocol';

export interface EventEntry {
  id: string;
  title: string;
  boards: { id: string; title: string }[];
}

/** Parses GET /api/events (`{events: [{id, title, boards?}]}`, untrusted); null if unusable. */
export function parseEventList(raw: unknown): EventEntry[] | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const list = (raw as { events?: unknown }).events;
  if (!Array.isArray(list)) return null;
  return list.slice(0, 200).flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const { id, title, boards } = e as Record<string, unknown>;
    if (typeof id !== 'string' || typeof title !== 'string') return [];
    const boardList = Array.isArray(boards)
      ? boards.flatMap((b: unknown) => {
          if (typeof b !== 'object' || b === null) return [];
          const { id: bid, title: bt } = b as Record<string, unknown>;
          return isBoardId(bid)
            ? [{ id: bid, title: typeof bt === 'string' ? bt.slice(0, 300) : bid }]
            : [];
        })
      : [];
    return [{ id: id.slice(0, 100), title: title.slice(0, 300), boards: boardList }];
  });
}
