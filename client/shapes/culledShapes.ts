import { useCallback, useSyncExternalStore } from 'react';
import { react, type Editor, type TLShapeId } from 'tldraw';
import { perEditor } from './perEditor';

/**
 * Which shapes tldraw culls (out of view), watched once per editor and told to each card alone.
 * `editor.getCulledShapes()` depends on the bounds of every shape, so each frame of a drag
 * re-checks whatever reads it: read in every card it was 300 reactions scheduled and checked
 * per frame. Here one reaction compares the sets and wakes only the cards whose culling changed.
 */
export class CulledShapes {
  private culled: ReadonlySet<TLShapeId>;
  private readonly listeners = new Map<TLShapeId, Set<() => void>>();

  constructor(editor: Pick<Editor, 'getCulledShapes'>) {
    this.culled = editor.getCulledShapes();
    react('culled shapes', () => {
      const next = editor.getCulledShapes();
      const prev = this.culled;
      if (next === prev) return;
      this.culled = next;
      for (const id of prev) if (!next.has(id)) this.notify(id);
      for (const id of next) if (!prev.has(id)) this.notify(id);
    });
  }

  /** Whether tldraw culls the shape now. */
  has(id: TLShapeId): boolean {
    return this.culled.has(id);
  }

  /** Calls `listener` whenever the shape is culled or comes back into view. */
  subscribe(id: TLShapeId, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }

  private notify(id: TLShapeId): void {
    for (const listener of this.listeners.get(id) ?? []) listener();
  }
}

// One watcher per editor, made by the first card that asks; it lives as long as the editor.
const culledShapesOf = perEditor((editor) => new CulledShapes(editor));

/** Whether tldraw culls this shape (it is out of view); re-renders only when that changes. */
export function useIsCulled(editor: Editor, id: TLShapeId): boolean {
  const watcher = culledShapesOf(editor);
  const subscribe = useCallback(
    (listener: () => void) => watcher.subscribe(id, listener),
    [watcher, id],
  );
  return useSyncExternalStore(subscribe, () => watcher.has(id));
}
