import type { Logger } from 'pino';
import { CLOSE_CODES } from '../../shared/protocol';
import type { Connection } from './Connection';
import { Room, type RoomOptions } from './Room';

export interface RoomRegistryOptions extends RoomOptions {
  /** Grace period before a room without connections is unloaded (compacted and dropped). */
  idleMs: number;
}

interface Entry {
  promise: Promise<Room>;
  room: Room | null;
  /** Callers between "I need this room" and "done with it" (joins in progress, `use`). */
  holds: number;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * The loaded boards. Concurrent requests for one board share one load; a failed load is
 * forgotten so the next request retries, and never becomes an empty board. A room with no
 * connections and no holders is unloaded after the idle grace.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly logger: Logger;
  private closed = false;

  constructor(private readonly options: RoomRegistryOptions) {
    this.logger = options.logger;
  }

  /** Loads (or reuses) the board and adds the socket; rejects when the board cannot load. */
  async join(boardId: string, connection: Connection): Promise<Room> {
    return this.use(boardId, (room) => {
      room.addConnection(connection);
      return room;
    });
  }

  /** Runs `task` with the board loaded; the room is not unloaded while `task` runs. */
  async use<T>(boardId: string, task: (room: Room) => T | Promise<T>): Promise<T> {
    if (this.closed) throw new Error('RoomRegistry is closed');
    const entry = this.entryFor(boardId);
    entry.holds++;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    try {
      return await task(await entry.promise);
    } finally {
      entry.holds--;
      this.checkIdle(boardId, entry);
    }
  }

  /** The room of a board if it is loaded right now. */
  get(boardId: string): Room | undefined {
    return this.entries.get(boardId)?.room ?? undefined;
  }

  /** Every loaded room. */
  rooms(): Room[] {
    return [...this.entries.values()].flatMap((entry) => (entry.room ? [entry.room] : []));
  }

  get roomCount(): number {
    return this.rooms().length;
  }

  get connectionCount(): number {
    return this.rooms().reduce((sum, room) => sum + room.connectionCount, 0);
  }

  /** Shutdown: closes every socket with 1001, finishes and compacts every room. */
  async close(): Promise<void> {
    this.closed = true;
    const closing = [...this.entries.values()].map(async (entry) => {
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      const room = await entry.promise.catch(() => null);
      await room?.close(CLOSE_CODES.goingAway, 'server shutting down');
    });
    this.entries.clear();
    await Promise.allSettled([...closing, ...this.unloading.values()]);
  }

  private entryFor(boardId: string): Entry {
    const existing = this.entries.get(boardId);
    if (existing) return existing;
    const entry: Entry = { promise: this.load(boardId), room: null, holds: 0, idleTimer: null };
    this.entries.set(boardId, entry);
    entry.promise.then(
      (room) => {
        entry.room = room;
        room.onChange((event) => {
          if (event.kind === 'connections' && event.count === 0) this.checkIdle(boardId, entry);
          if (event.kind === 'failed') this.discard(boardId, entry);
        });
      },
      (error: unknown) => {
        this.logger.error({ err: error, board: boardId }, 'board failed to load');
        if (this.entries.get(boardId) === entry) this.entries.delete(boardId);
      },
    );
    return entry;
  }

  private async load(boardId: string): Promise<Room> {
    // A previous room of this board may still be writing its final snapshot.
    await this.unloading.get(boardId);
    const room = await Room.load(boardId, this.options);
    try {
      for (const hooks of this.options.hooks ?? []) await hooks.onLoaded?.(room);
    } catch (error) {
      await room.close();
      throw error;
    }
    return room;
  }

  private checkIdle(boardId: string, entry: Entry): void {
    const room = entry.room;
    if (!room || this.closed || entry.holds > 0 || room.connectionCount > 0 || entry.idleTimer) {
      return;
    }
    entry.idleTimer = setTimeout(() => this.unload(boardId, entry), this.options.idleMs);
  }

  private unload(boardId: string, entry: Entry): void {
    entry.idleTimer = null;
    const room = entry.room;
    if (!room || entry.holds > 0 || room.connectionCount > 0) return;
    this.discard(boardId, entry);
  }

  /**
   * Drops the board's room now (idle, or its store failed: then its document holds writes the
   * store refused, and the next request loads the board again from the store).
   */
  private discard(boardId: string, entry: Entry): void {
    const room = entry.room;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    if (!room || this.entries.get(boardId) !== entry) return;
    this.entries.delete(boardId);
    const done = room
      .close()
      .catch((error: unknown) => this.logger.error({ err: error, board: boardId }, 'unload failed'))
      .finally(() => {
        if (this.unloading.get(boardId) === done) this.unloading.delete(boardId);
      });
    this.unloading.set(boardId, done);
    this.logger.debug({ board: boardId }, 'room unloaded');
  }
}
