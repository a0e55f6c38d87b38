import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import {
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
  type Awareness,
} from 'y-protocols/awareness';
import type { Room } from '../sync/Room';
import type { RoomHooks } from '../sync/RoomHooks';
import type { RedisFanout } from './RedisFanout';

export interface ScaledPresenceOptions {
  instanceId: string;
  fanout: RedisFanout;
  logger: Logger;
  /** Local presence changes are collected and published at most once per tick per board. */
  tickMs?: number;
  /** How often this instance renews its heartbeat key and checks the others'. */
  heartbeatMs?: number;
  /** How long a heartbeat key lives: an instance silent this long is dead, its cursors go. */
  heartbeatTtlMs?: number;
}

const KIND_UPDATE = 0;
/** A room that just loaded asks the others for their cursors on the board. */
const KIND_QUERY = 1;

/** The transaction origin of presence applied from another instance (never published back). */
const FROM_PEER = Symbol('presence from a peer instance');

interface Tracked {
  room: Room;
  /** Presence client ids per instance that published them. */
  remote: Map<string, Set<number>>;
  pending: Set<number>;
  timer: NodeJS.Timeout | null;
  unsubscribe: () => void;
  off: () => void;
}

export function instanceKey(instanceId: string): string {
  return `instance:${instanceId}`;
}

/**
 * Presence across instances (scaled mode), on its own Redis channel per board: never stored,
 * throttled to one message per tick. Every instance renews a heartbeat key with a short time
 * to live; when another instance's key is gone (it died), the cursors it published are removed
 * here, so they vanish from this instance's clients within a few seconds.
 */
export class ScaledPresence {
  private readonly tracked = new Map<string, Tracked>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: ScaledPresenceOptions) {
    const { heartbeatMs = 1000 } = options;
    void this.beat();
    this.heartbeat = setInterval(() => void this.beat(), heartbeatMs);
    this.heartbeat.unref();
  }

  hooks(): RoomHooks {
    return {
      onLoaded: (room) => this.track(room),
      onUnload: (room) => this.untrack(room),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const tracked of [...this.tracked.values()]) this.untrack(tracked.room);
  }

  private track(room: Room): void {
    const { fanout } = this.options;
    const channel = `presence:${room.boardId}`;
    const tracked: Tracked = {
      room,
      remote: new Map(),
      pending: new Set(),
      timer: null,
      unsubscribe: () => undefined,
      off: () => undefined,
    };
    const onUpdate = (
      change: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      if (origin === FROM_PEER) return;
      for (const id of [...change.added, ...change.updated, ...change.removed]) {
        if (!this.isRemote(tracked, id)) tracked.pending.add(id);
      }
      this.schedule(tracked, channel);
    };
    room.awareness.on('update', onUpdate);
    tracked.off = () => room.awareness.off('update', onUpdate);
    tracked.unsubscribe = fanout.subscribe(channel, (payload) =>
      this.receive(tracked, channel, payload),
    );
    this.tracked.set(room.boardId, tracked);
    this.publish(channel, KIND_QUERY, new Uint8Array());
  }

  private untrack(room: Room): void {
    const tracked = this.tracked.get(room.boardId);
    if (!tracked || tracked.room !== room) return;
    tracked.off();
    tracked.unsubscribe();
    if (tracked.timer) clearTimeout(tracked.timer);
    this.tracked.delete(room.boardId);
  }

  private receive(tracked: Tracked, channel: string, payload: Uint8Array): void {
    let kind: number;
    let from: string;
    let update: Uint8Array;
    try {
      const decoder = decoding.createDecoder(payload);
      kind = decoding.readVarUint(decoder);
      from = decoding.readVarString(decoder);
      update = decoding.readVarUint8Array(decoder);
    } catch {
      return;
    }
    if (from === this.options.instanceId) return;
    const { awareness } = tracked.room;
    if (kind === KIND_QUERY) {
      const local = [...awareness.getStates().keys()].filter(
        (id) => id !== awareness.clientID && !this.isRemote(tracked, id),
      );
      if (local.length > 0) {
        this.publish(channel, KIND_UPDATE, encodeAwarenessUpdate(awareness, local));
      }
      return;
    }
    if (kind !== KIND_UPDATE) return;
    try {
      applyAwarenessUpdate(awareness, update, FROM_PEER);
    } catch {
      return;
    }
    let ids = tracked.remote.get(from);
    if (!ids) {
      ids = new Set();
      tracked.remote.set(from, ids);
    }
    for (const id of presenceIds(update)) {
      if (awareness.getStates().has(id)) ids.add(id);
      else ids.delete(id);
    }
  }

  private isRemote(tracked: Tracked, id: number): boolean {
    for (const ids of tracked.remote.values()) if (ids.has(id)) return true;
    return false;
  }

  private schedule(tracked: Tracked, channel: string): void {
    if (tracked.timer || tracked.pending.size === 0) return;
    tracked.timer = setTimeout(() => {
      tracked.timer = null;
      const ids = [...tracked.pending];
      tracked.pending.clear();
      this.publish(channel, KIND_UPDATE, encodeAwarenessUpdate(tracked.room.awareness, ids));
    }, this.options.tickMs ?? 100);
  }

  private publish(channel: string, kind: number, update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarString(encoder, this.options.instanceId);
    encoding.writeVarUint8Array(encoder, update);
    this.options.fanout.publish(channel, encoding.toUint8Array(encoder)).catch(() => undefined);
  }

  /** Renews our heartbeat and removes the cursors of instances whose heartbeat expired. */
  private async beat(): Promise<void> {
    if (this.closed) return;
    const { fanout, instanceId, heartbeatTtlMs = 3000 } = this.options;
    await fanout.setWithTtl(instanceKey(instanceId), String(Date.now()), heartbeatTtlMs);
    const instances = new Set<string>();
    for (const tracked of this.tracked.values())
      for (const id of tracked.remote.keys()) instances.add(id);
    for (const peer of instances) {
      // null: Redis cannot answer, so we cannot tell; keep the cursors until it can.
      if ((await fanout.exists(instanceKey(peer))) !== false) continue;
      this.options.logger.info({ instance: peer }, 'instance gone: removing its cursors');
      for (const tracked of this.tracked.values()) dropInstance(tracked, peer);
    }
  }
}

function dropInstance(tracked: Tracked, peer: string): void {
  const ids = tracked.remote.get(peer);
  tracked.remote.delete(peer);
  if (!ids || ids.size === 0) return;
  removeAwarenessStates(tracked.room.awareness as Awareness, [...ids], FROM_PEER);
}

/** The presence client ids an encoded awareness update speaks for. */
function presenceIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
  }
  return ids;
}
