import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { BoardBus, DeletionAlarm } from '../bus/BoardBus';
import type { HistoryConfig } from '../config';
import type { DocStore, RestorePointInfo } from '../store/DocStore';
import type { Room } from '../sync/Room';
import type { RoomHooks } from '../sync/RoomHooks';
import { serverOrigin } from '../sync/writeOrigin';
import { massDeletionRule, type MassDeletion } from './massDeletionRule';
import { restoreEntries } from './restoreEntries';
import { restorePointsToDrop } from './retention';

/** Why a restore point was made (the first word of its stored reason). */
export const POINT_REASONS = [
  'periodic',
  'manual',
  'before-phase',
  'before-lock',
  'before-merge',
  'before-restore',
  'mass-deletion',
] as const;
export type PointReason = (typeof POINT_REASONS)[number];

/** A restore point as the API and console show it. */
export interface HistoryPoint {
  id: number;
  at: number;
  reason: PointReason | 'other';
  /** The moderator's label of a manual point, or what the alarm saw; null otherwise. */
  label: string | null;
  by: string;
  counts: { cards: number; clusters: number; votes: number };
  bytes: number;
}

/** The alarm as the console gets it: a restore point was made just before a mass deletion. */
export type { DeletionAlarm };

/** Thrown for a restore point the board does not have. */
export class UnknownPointError extends Error {}

/** Stored reason: the reason word, then ": " and a free label when there is one. */
function storedReason(reason: PointReason, label: string | null): string {
  return label ? `${reason}: ${label}` : reason;
}

/** The API's form of a stored point. */
export function toHistoryPoint(info: RestorePointInfo): HistoryPoint {
  const split = info.reason.indexOf(': ');
  const word = split < 0 ? info.reason : info.reason.slice(0, split);
  const label = split < 0 ? null : info.reason.slice(split + 2);
  const reason = (POINT_REASONS as readonly string[]).includes(word)
    ? (word as PointReason)
    : 'other';
  const count = (name: string) => info.counts[name] ?? 0;
  return {
    id: info.id,
    at: info.createdAt,
    reason,
    label: reason === 'other' ? info.reason : label,
    by: info.actor,
    counts: { cards: count('cards'), clusters: count('clusters'), votes: count('votes') },
    bytes: info.bytes,
  };
}

/**
 * Board history: the restore points the server makes (before phase changes, locks, merges and
 * restores; every `everyMinutes` while a board changes; on a moderator's request; before a mass
 * deletion), the retention rule applied after each, and restore as a new change through the room.
 */
export class BoardHistory {
  private readonly lastPointAt = new Map<string, number>();
  /** Per loaded board, the log position of its last committed write. */
  private readonly lastSeq = new Map<string, number>();
  private readonly alarmListeners = new Set<(alarm: DeletionAlarm) => void>();
  private readonly now: () => number;
  private useRoom: (<T>(boardId: string, fn: (room: Room) => Promise<T>) => Promise<T>) | null =
    null;

  constructor(
    private readonly options: {
      store: DocStore;
      config: HistoryConfig;
      logger: Logger;
      now?: () => number;
      /**
       * Carries alarms to every instance (scaled mode): an alarm raised here is published on it,
       * and alarms from any instance reach `onAlarm` listeners from it. Without one, in process.
       */
      bus?: BoardBus;
    },
  ) {
    this.now = options.now ?? Date.now;
    options.bus?.onDeletionAlarm((alarm) => this.notifyAlarm(alarm));
  }

  /** The room hooks: the mass-deletion rule, a point every `everyMinutes` while a board changes. */
  hooks(): RoomHooks {
    const { config } = this.options;
    return {
      onLoaded: async (room) => {
        const [newest] = await this.options.store.listRestorePoints(room.boardId);
        this.lastPointAt.set(room.boardId, newest?.createdAt ?? 0);
        this.lastSeq.set(room.boardId, room.lastSeq);
      },
      beforeWrite: [
        massDeletionRule({
          cards: config.alarmCards,
          windowMs: config.alarmWindowSeconds * 1000,
          now: this.now,
          onAlarm: (deletion, docBefore) => this.alarm(deletion, docBefore),
        }),
      ],
      afterCommit: (room, write) => {
        this.lastSeq.set(room.boardId, write.seq);
        const last = this.lastPointAt.get(room.boardId) ?? 0;
        if (this.now() - last < config.everyMinutes * 60_000) return;
        this.makePoint(room.boardId, 'system', 'periodic').catch((error: unknown) =>
          this.options.logger.error(
            { err: error, board: room.boardId },
            'periodic restore point failed',
          ),
        );
      },
      onUnload: (room) => {
        this.lastPointAt.delete(room.boardId);
        this.lastSeq.delete(room.boardId);
      },
    };
  }

  /**
   * Makes a restore point of the board as stored now, then applies the retention rule.
   * `actor` is who asked (a token's role and name, or "system").
   */
  async makePoint(
    boardId: string,
    actor: string,
    reason: PointReason,
    label: string | null = null,
  ): Promise<HistoryPoint> {
    // Set before the store call, so concurrent commits do not each start a periodic point.
    this.lastPointAt.set(boardId, this.now());
    const info = await this.options.store.createRestorePoint(boardId, {
      actor,
      reason: storedReason(reason, label),
    });
    await this.applyRetention(boardId);
    return toHistoryPoint(info);
  }

  /** The board's points, newest first. */
  async list(boardId: string): Promise<HistoryPoint[]> {
    return (await this.options.store.listRestorePoints(boardId)).map(toHistoryPoint);
  }

  /** A point with its document (the caller destroys it), or null. */
  async read(
    boardId: string,
    pointId: number,
  ): Promise<{ point: HistoryPoint; doc: Y.Doc } | null> {
    const stored = await this.options.store.readRestorePoint(boardId, pointId);
    if (!stored) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.state);
    return { point: toHistoryPoint(stored.info), doc };
  }

  /**
   * Restores a point as a new change through the room (never replacing the document), after
   * making a point of the board as it is, so the restore itself can be undone.
   */
  async restore(
    room: Room,
    pointId: number,
    actor: string,
  ): Promise<{ undoPoint: HistoryPoint; seq: number | null }> {
    const read = await this.read(room.boardId, pointId);
    if (!read) throw new UnknownPointError(`board ${room.boardId} has no restore point ${pointId}`);
    try {
      await room.flush();
      const undoPoint = await this.makePoint(room.boardId, actor, 'before-restore', `#${pointId}`);
      const seq = await room.change(
        (doc) => restoreEntries(doc, read.doc),
        serverOrigin(actor, 'restore'),
      );
      this.options.logger.info({ board: room.boardId, pointId, seq, actor }, 'board restored');
      return { undoPoint, seq };
    } finally {
      read.doc.destroy();
    }
  }

  /** Gives the history the rooms to restore through (the server's RoomRegistry.use). */
  serveRooms(use: <T>(boardId: string, fn: (room: Room) => Promise<T>) => Promise<T>): void {
    this.useRoom = use;
  }

  /** Restores a point of a board through its room (loaded for it when idle); see restore. */
  restoreBoard(
    boardId: string,
    pointId: number,
    actor: string,
  ): Promise<{ undoPoint: HistoryPoint; seq: number | null }> {
    if (!this.useRoom) throw new Error('BoardHistory.restoreBoard before serveRooms');
    return this.useRoom(boardId, (room) => this.restore(room, pointId, actor));
  }

  /** Follows mass-deletion alarms (after their restore point is stored). Returns an unsubscribe. */
  onAlarm(listener: (alarm: DeletionAlarm) => void): () => void {
    this.alarmListeners.add(listener);
    return () => this.alarmListeners.delete(listener);
  }

  private alarm(deletion: MassDeletion, docBefore: Y.Doc): void {
    // Called inside the write path, before the deleting write is appended: the state is taken
    // now, from the room's document, so the point holds the cards whatever the store's timing.
    const at = this.now();
    const { store } = this.options;
    const label = {
      actor: `${deletion.role}:${deletion.name}`,
      reason: storedReason('mass-deletion', `${deletion.cards}`),
    };
    this.lastPointAt.set(deletion.boardId, at);
    const made = store.addRestorePoint
      ? store.addRestorePoint(deletion.boardId, label, {
          state: Y.encodeStateAsUpdate(docBefore),
          upToSeq: this.lastSeq.get(deletion.boardId) ?? 0,
          createdAt: at,
        })
      : // A store without addRestorePoint: SQLite and memory read their state at this call.
        store.createRestorePoint(deletion.boardId, label);
    made
      .then(async (info) => {
        this.options.logger.warn(
          { ...deletion, pointId: info.id },
          'mass deletion: restore point made',
        );
        const alarm: DeletionAlarm = { ...deletion, pointId: info.id, at };
        if (this.options.bus) this.options.bus.publishDeletionAlarm(alarm);
        else this.notifyAlarm(alarm);
        await this.applyRetention(deletion.boardId);
      })
      .catch((error: unknown) =>
        this.options.logger.error(
          { err: error, ...deletion },
          'mass deletion restore point failed',
        ),
      );
  }

  private notifyAlarm(alarm: DeletionAlarm): void {
    for (const listener of this.alarmListeners) {
      try {
        listener({ ...alarm });
      } catch (error) {
        this.options.logger.error({ err: error }, 'alarm listener threw');
      }
    }
  }

  private async applyRetention(boardId: string): Promise<void> {
    const points = await this.options.store.listRestorePoints(boardId);
    const drop = restorePointsToDrop(
      points.map((p) => ({ id: p.id, createdAt: p.createdAt })),
      this.now(),
    );
    if (drop.length > 0) await this.options.store.deleteRestorePoints(boardId, drop);
  }
}
