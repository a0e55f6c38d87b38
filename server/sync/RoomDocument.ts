import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { AppendOrigin, DocStore } from '../store/DocStore';
import { encodeSyncStep2 } from './syncMessages';
import { asWriteOrigin } from './writeOrigin';

export interface RoomDocumentOptions {
  logger: Logger;
  compactEvery: number;
  /** Several server instances write this store (scaled mode). */
  sharedStore?: boolean;
}

/**
 * Bytes appended since the last snapshot after which the log is compacted whatever the count:
 * a few large updates (a 1 MiB paste resent, a big import) would otherwise sit in the log for
 * hundreds of appends, and every load replays them.
 */
export const COMPACT_EVERY_BYTES = 16 * 1024 * 1024;

/**
 * A room's Y.Doc tied to its place in the store: the cached encoded state (so a join storm costs
 * one encode), the log position, the size estimate behind the document limit, and compaction.
 */
export class RoomDocument {
  readonly doc = new Y.Doc();
  private cachedFull: Uint8Array | null = null;
  private cachedFullSync: Uint8Array | null = null;
  /** Upper bound of the encoded size: last full encode plus every update applied since. */
  private sizeEstimate = 0;
  private appliedSeq = 0;
  /** A peer's writes arrive out of log order, so our state no longer tells what the log holds. */
  private soleWriter: boolean;
  private appendsSinceSnapshot = 0;
  private bytesSinceSnapshot = 0;
  private compaction: Promise<void> | null = null;
  private compactTimer: NodeJS.Immediate | null = null;
  /** True while `stage` runs, so the room can tell its own applies from direct mutations. */
  applying = false;
  /**
   * Writes in the doc that the store has not committed yet (kept by the writer). While any are,
   * our state holds more than the log: it is no compaction hint. It stays up after a failed
   * append, whose writes are in the doc and never will be in the log.
   */
  uncommitted = 0;

  private constructor(
    private readonly boardId: string,
    private readonly store: DocStore,
    private readonly options: RoomDocumentOptions,
  ) {
    // Other instances append to a shared store: our state never tells what the log holds.
    this.soleWriter = !options.sharedStore;
  }

  /** Loads the board's snapshot and log; a snapshot that does not decode fails the load. */
  static async load(
    boardId: string,
    store: DocStore,
    options: RoomDocumentOptions,
  ): Promise<RoomDocument> {
    const room = new RoomDocument(boardId, store, options);
    const stored = await store.load(boardId);
    if (stored) {
      if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot);
      let skipped = 0;
      room.doc.transact(() => {
        for (const { update } of stored.updates) {
          try {
            Y.applyUpdate(room.doc, update);
          } catch {
            // Only an update that also failed when it first arrived can fail here (see apply).
            skipped++;
          }
        }
      });
      if (skipped > 0) options.logger.error({ skipped }, 'stored updates failed to apply');
      room.appliedSeq = stored.updates.at(-1)?.seq ?? stored.snapshotSeq ?? 0;
      room.appendsSinceSnapshot = stored.updates.length;
      room.bytesSinceSnapshot = stored.updates.reduce((n, { update }) => n + update.byteLength, 0);
    }
    room.sizeEstimate = room.fullState().byteLength;
    return room;
  }

  /** The log position of the last update applied (0 for a board loaded from a snapshot only). */
  get lastSeq(): number {
    return this.appliedSeq;
  }

  /** The whole document as one update, encoded at most once between changes. */
  fullState(): Uint8Array {
    if (!this.cachedFull) {
      this.cachedFull = Y.encodeStateAsUpdate(this.doc);
      this.sizeEstimate = this.cachedFull.byteLength;
    }
    return this.cachedFull;
  }

  /** The sync step 2 answering a client's state vector (throws on a garbage vector). */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (Y.decodeStateVector(stateVector).size === 0) {
      this.cachedFullSync ??= encodeSyncStep2(this.fullState());
      return this.cachedFullSync;
    }
    return encodeSyncStep2(Y.diffUpdate(this.fullState(), stateVector));
  }

  /** True when applying `update` could take the document past `maxBytes`. */
  wouldExceed(update: Uint8Array, maxBytes: number): boolean {
    if (this.sizeEstimate + update.byteLength <= maxBytes) return false;
    // The estimate only grows; measure before refusing anything.
    return this.fullState().byteLength + update.byteLength > maxBytes;
  }

  /** Appends `update` to the store's log with who wrote it; durable when it resolves. */
  async append(update: Uint8Array, origin: AppendOrigin): Promise<number> {
    return this.store.append(this.boardId, update, origin);
  }

  /**
   * Applies an accepted update to the live doc before its commit (the writer holds it back from
   * everyone until the store has it, then calls `recordApplied`) or a peer's stored update.
   */
  stage(update: Uint8Array, origin: unknown): void {
    if (asWriteOrigin(origin)?.kind === 'peer') this.soleWriter = false;
    this.applying = true;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      // It decoded but Yjs could not integrate it; loading skips it the same way.
      this.options.logger.error({ err: error }, 'accepted update failed to apply');
    } finally {
      this.applying = false;
    }
    this.changed(update);
  }

  /**
   * Changes the live doc in place as `origin` and returns the update it made (null when nothing
   * changed), for the caller to store under its own seq (then `recordApplied`). For small,
   * targeted server writes such as putting back what a write rule refused: no copy of the doc.
   */
  changeInPlace(mutate: (doc: Y.Doc) => void, origin: unknown): Uint8Array | null {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => {
      update = update ? Y.mergeUpdates([update, u]) : u;
    };
    this.doc.on('update', capture);
    this.applying = true;
    try {
      this.doc.transact(() => mutate(this.doc), origin);
    } finally {
      this.applying = false;
      this.doc.off('update', capture);
    }
    if (update) this.changed(update);
    return update;
  }

  /** The doc changed: the cached encodings are stale and the size estimate grows. */
  private changed(update: Uint8Array): void {
    this.cachedFull = null;
    this.cachedFullSync = null;
    this.sizeEstimate += update.byteLength;
  }

  /** Bookkeeping for an update already in the doc (see `stage`) and stored under `seq`. */
  recordApplied(update: Uint8Array, seq: number): void {
    this.cachedFull = null;
    this.cachedFullSync = null;
    this.appliedSeq = seq;
    this.appendsSinceSnapshot++;
    this.bytesSinceSnapshot += update.byteLength;
    const due =
      this.appendsSinceSnapshot >= this.options.compactEvery ||
      this.bytesSinceSnapshot >= COMPACT_EVERY_BYTES;
    if (due && !this.compactTimer) {
      // Out of the message path: the next turn of the event loop.
      this.compactTimer = setImmediate(() => {
        this.compactTimer = null;
        this.compact().catch(() => undefined);
      });
    }
  }

  /** Has the store fold its log into a new snapshot (it reads snapshot and log itself). */
  async compact(): Promise<void> {
    while (this.compaction) await this.compaction;
    if (this.appendsSinceSnapshot === 0) return;
    const covered = this.appendsSinceSnapshot;
    const coveredBytes = this.bytesSinceSnapshot;
    const hint =
      this.soleWriter && this.uncommitted === 0
        ? { state: this.fullState(), upToSeq: this.appliedSeq }
        : undefined;
    this.compaction = this.store
      .compact(this.boardId, hint)
      .then(
        () => {
          this.appendsSinceSnapshot -= covered;
          this.bytesSinceSnapshot -= coveredBytes;
        },
        (error: unknown) => {
          // The log still holds everything; the next compaction retries.
          this.options.logger.error({ err: error }, 'compaction failed');
        },
      )
      .finally(() => {
        this.compaction = null;
      });
    await this.compaction;
  }

  /** Final compaction before unload. */
  async close(): Promise<void> {
    if (this.compactTimer) clearImmediate(this.compactTimer);
    this.compactTimer = null;
    await this.compact();
  }
}
