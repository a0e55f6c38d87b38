import type { Logger } from 'pino';
import type { PgDocStore } from '../store/PgDocStore';
import type { Room } from '../sync/Room';
import type { RoomHooks } from '../sync/RoomHooks';
import { BoardLogFollower } from './BoardLogFollower';
import { decodePeerUpdate, encodePeerUpdate } from './peerUpdateMessage';
import type { RedisFanout } from './RedisFanout';

export interface ScaledBoardsOptions {
  /** This instance's id: on every update it publishes, so it can drop its own echo. */
  instanceId: string;
  store: PgDocStore;
  /** Null when there is no Redis: instances then only poll the log's heads. */
  fanout: RedisFanout | null;
  logger: Logger;
  /** Head check while Redis carries updates: catches a lost last message. */
  headCheckMs?: number;
  /** Head polling while Redis is down (or absent): how late a peer's update may arrive. */
  pollMs?: number;
}

interface Followed {
  room: Room;
  follower: BoardLogFollower;
  unsubscribe: () => void;
}

/** The fan-out channel of one board's committed updates. */
export function boardChannel(boardId: string): string {
  return `doc:${boardId}`;
}

/**
 * Keeps every loaded room of this instance in step with the other instances (scaled mode).
 * Commit, then broadcast: a room's own write is stored in PostgreSQL under the board's next seq
 * before it is applied (RoomWriter), then published here with that seq. Peers' writes arrive by
 * Redis and are applied in seq order as `peer` writes, never stored again; a gap is read from
 * the log, and a periodic head check (fast polling while Redis is down) catches what pub/sub lost.
 */
export class ScaledBoards {
  private readonly followed = new Map<string, Followed>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;
  private closed = false;

  constructor(private readonly options: ScaledBoardsOptions) {
    options.fanout?.onReconnect(() => void this.checkHeads());
    this.scheduleCheck();
  }

  /** The hooks that plug this into every room. */
  hooks(): RoomHooks {
    return {
      onLoaded: (room) => this.follow(room),
      afterCommit: (room, write) => {
        const followed = this.followed.get(room.boardId);
        if (!followed || followed.room !== room || write.origin.kind === 'peer') return;
        followed.follower.markApplied(write.seq);
        const { fanout, instanceId } = this.options;
        fanout
          ?.publish(
            boardChannel(room.boardId),
            encodePeerUpdate({ instanceId, seq: write.seq, update: write.update }),
          )
          .catch((error: unknown) => this.options.logger.warn({ err: error }, 'publish failed'));
      },
      onUnload: (room) => this.unfollow(room),
    };
  }

  /** Boards this instance follows now (for tests and metrics). */
  get boardCount(): number {
    return this.followed.size;
  }

  /** Reads the heads of every followed board and fills what is missing. */
  async checkHeads(): Promise<void> {
    if (this.checking || this.followed.size === 0) return;
    this.checking = true;
    try {
      const heads = await this.options.store.heads([...this.followed.keys()]);
      await Promise.all(
        [...this.followed.entries()].map(([boardId, { follower }]) =>
          follower.catchUp(heads.get(boardId) ?? 0),
        ),
      );
    } catch (error) {
      this.options.logger.warn({ err: error }, 'head check failed');
    } finally {
      this.checking = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const { follower, unsubscribe } of this.followed.values()) {
      follower.stop();
      unsubscribe();
    }
    this.followed.clear();
  }

  /**
   * Subscribe first, then read what was committed since the room's load, so nothing published
   * between the load and the subscription is missed; what arrives twice is dropped by seq.
   */
  private async follow(room: Room): Promise<void> {
    const { store, fanout, logger, instanceId } = this.options;
    const follower = new BoardLogFollower(
      room.boardId,
      room.lastSeq,
      store,
      (update, seq, from) => {
        room.write(update, { kind: 'peer', instanceId: from, seq }).catch((error: unknown) => {
          logger.error({ err: error, board: room.boardId, seq }, 'peer update failed to apply');
        });
      },
      (error) => logger.warn({ err: error, board: room.boardId }, 'filling from the log failed'),
    );
    const unsubscribe =
      fanout?.subscribe(boardChannel(room.boardId), (payload) => {
        const message = decodePeerUpdate(payload);
        if (!message || message.instanceId === instanceId) return;
        follower.receive(message.seq, message.update, message.instanceId);
      }) ?? (() => undefined);
    this.followed.set(room.boardId, { room, follower, unsubscribe });
    await follower.checkHead();
  }

  private unfollow(room: Room): void {
    const followed = this.followed.get(room.boardId);
    if (!followed || followed.room !== room) return;
    followed.follower.stop();
    followed.unsubscribe();
    this.followed.delete(room.boardId);
  }

  private scheduleCheck(): void {
    if (this.closed) return;
    const { fanout, headCheckMs = 1000, pollMs = 200 } = this.options;
    const delay = fanout?.connected ? headCheckMs : pollMs;
    this.timer = setTimeout(() => {
      void this.checkHeads().finally(() => this.scheduleCheck());
    }, delay);
    this.timer.unref();
  }
}
