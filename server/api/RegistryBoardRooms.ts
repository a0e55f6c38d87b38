import type * as Y from 'yjs';
import type { BoardControl } from '../../shared/protocol';
import type { Room } from '../sync/Room';
import type { RoomRegistry } from '../sync/RoomRegistry';
import type { BoardRooms, FacilitatorCall } from './AppContext';

/** A presence name read from an awareness state, whichever field the client used. */
function nameOf(state: Record<string, unknown>): string | null {
  const user = state.user;
  if (typeof user === 'object' && user !== null) {
    const name = (user as { name?: unknown }).name;
    if (typeof name === 'string' && name.trim() !== '') return name.slice(0, 80);
  }
  return typeof state.name === 'string' ? state.name.slice(0, 80) : null;
}

/** The API's view of the live rooms, over the RoomRegistry. `attach` each room as it loads. */
export class RegistryBoardRooms implements BoardRooms {
  private readonly activity = new Set<(boardId: string) => void>();
  private readonly calls = new Set<(call: FacilitatorCall) => void>();
  private readonly lastActivity = new Map<string, number>();
  /** Bumped on every change of a board's document; keys the read cache. */
  private readonly versions = new Map<string, number>();
  private readonly cache = new Map<string, { version: number; value: unknown }>();

  constructor(private readonly registry: RoomRegistry) {}

  /** Follows a loaded room's events (doc changes, connections, facilitator calls). */
  attach(room: Room): void {
    room.onChange((event) => {
      if (event.kind === 'papan') {
        if (event.message.type !== 'call-facilitator') return;
        const call: FacilitatorCall = {
          boardId: room.boardId,
          name: event.message.name,
          at: Date.now(),
        };
        for (const listener of this.calls) listener(call);
        return;
      }
      if (event.kind === 'doc') {
        this.lastActivity.set(room.boardId, Date.now());
        this.versions.set(room.boardId, (this.versions.get(room.boardId) ?? 0) + 1);
      }
      for (const listener of this.activity) listener(room.boardId);
    });
    room.awareness.on(
      'change',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        // The room's own presence (cleared when it unloads) is nobody's activity.
        const own = room.awareness.clientID;
        if ([...added, ...updated, ...removed].every((id) => id === own)) return;
        for (const listener of this.activity) listener(room.boardId);
      },
    );
  }

  applyControl(boardId: string, control: Omit<BoardControl, 'readOnly' | 'voterId'>): void {
    this.registry.get(boardId)?.setControl(control);
  }

  async cachedRead<T>(boardId: string, key: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const cacheKey = `${boardId}\n${key}`;
    const version = this.versions.get(boardId) ?? 0;
    const hit = this.cache.get(cacheKey);
    if (hit && hit.version === version) return hit.value as T;
    const value = await this.withBoardDoc(boardId, fn);
    this.cache.set(cacheKey, { version, value });
    return value;
  }

  withBoardDoc<T>(boardId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    return this.registry.use(boardId, (room) => fn(room.doc));
  }

  changeBoardDoc<T>(boardId: string, mutate: (doc: Y.Doc) => T): Promise<T> {
    return this.registry.use(boardId, async (room) => {
      let result: T | undefined;
      await room.change((doc) => {
        result = mutate(doc);
      });
      return result as T;
    });
  }

  presence(boardId: string): { online: number; names: string[]; lastActivity: number | null } {
    const room = this.registry.get(boardId);
    const names: string[] = [];
    if (room) {
      for (const [clientId, state] of room.awareness.getStates()) {
        if (clientId === room.awareness.clientID) continue;
        const name = nameOf(state);
        if (name) names.push(name);
      }
    }
    return {
      online: room?.connectionCount ?? 0,
      names: names.sort((a, b) => a.localeCompare(b, 'id')),
      lastActivity: this.lastActivity.get(boardId) ?? null,
    };
  }

  onActivity(listener: (boardId: string) => void): () => void {
    this.activity.add(listener);
    return () => this.activity.delete(listener);
  }

  onFacilitatorCall(listener: (call: FacilitatorCall) => void): () => void {
    this.calls.add(listener);
    return () => this.calls.delete(listener);
  }
}
