import type * as Y from 'yjs';
import type { ControlState } from '../../shared/control';
import type { BoardBus, FacilitatorCall } from '../bus/BoardBus';
import { LocalBoardBus } from '../bus/LocalBoardBus';
import type { Room } from '../sync/Room';
import type { RoomRegistry } from '../sync/RoomRegistry';
import { serverOrigin } from '../sync/writeOrigin';
import type { BoardRooms } from './AppContext';

/** A presence name read from an awareness state, whichever field the client used. */
function nameOf(state: Record<string, unknown>): string | null {
  const user = state.user;
  if (typeof user === 'object' && user !== null) {
    const name = (user as { name?: unknown }).name;
    if (typeof name === 'string' && name.trim() !== '') return name.slice(0, 80);
  }
  return typeof state.name === 'string' ? state.name.slice(0, 80) : null;
}

/**
 * The API's view of the live rooms, over the RoomRegistry. `attach` each room as it loads.
 * Control, document-changed notices and facilitator calls go through the board bus, so they
 * reach rooms and consoles on other instances once the bus does.
 */
export class RegistryBoardRooms implements BoardRooms {
  private readonly activity = new Set<(boardId: string) => void>();
  private readonly lastActivity = new Map<string, number>();
  /** Bumped on every change of a board's document; keys the read cache. */
  private readonly versions = new Map<string, number>();
  private readonly cache = new Map<string, { version: number; value: unknown }>();

  constructor(
    private readonly registry: RoomRegistry,
    readonly bus: BoardBus = new LocalBoardBus(),
  ) {
    bus.onControl((boardId, control) => this.registry.get(boardId)?.setControl(control));
    bus.onDocChanged(({ boardId, at }) => {
      this.lastActivity.set(boardId, at);
      this.versions.set(boardId, (this.versions.get(boardId) ?? 0) + 1);
      this.notifyActivity(boardId);
    });
  }

  /** Follows a loaded room's events (doc changes, connections, facilitator calls). */
  attach(room: Room): void {
    const boardId = room.boardId;
    room.onChange((event) => {
      switch (event.kind) {
        case 'facilitator-call':
          this.bus.publishFacilitatorCall({ boardId, name: event.name, at: Date.now() });
          return;
        case 'doc':
          this.bus.publishDocChanged({ boardId, origin: event.origin, at: Date.now() });
          return;
        case 'control':
        case 'connections':
          this.notifyActivity(boardId);
          return;
      }
    });
    room.awareness.on(
      'change',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        // The room's own presence (cleared when it unloads) is nobody's activity.
        const own = room.awareness.clientID;
        if ([...added, ...updated, ...removed].every((id) => id === own)) return;
        this.notifyActivity(boardId);
      },
    );
  }

  applyControl(boardId: string, control: ControlState): void {
    this.bus.publishControl(boardId, control);
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
    return this.registry.use(boardId, (room) => room.readCommitted(fn));
  }

  changeBoardDoc<T>(
    boardId: string,
    mutate: (doc: Y.Doc) => T,
    origin = serverOrigin('system', 'change'),
  ): Promise<T> {
    return this.registry.use(boardId, async (room) => {
      let result: T | undefined;
      await room.change((doc) => {
        result = mutate(doc);
      }, origin);
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
    return this.bus.onFacilitatorCall(listener);
  }

  private notifyActivity(boardId: string): void {
    for (const listener of this.activity) listener(boardId);
  }
}
