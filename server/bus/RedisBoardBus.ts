import { z } from 'zod';
import { BOARD_PHASES, type ControlState } from '../../shared/control';
import type { RedisFanout } from '../scale/RedisFanout';
import type { BoardBus, DeletionAlarm, DocChangedNotice, FacilitatorCall } from './BoardBus';
import { LocalBoardBus } from './LocalBoardBus';

/** At most one document-changed notice per board per this many ms crosses Redis. */
const DOC_NOTICE_THROTTLE_MS = 200;

const BOARD_ID = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const envelope = z.object({ from: z.string().max(100), body: z.unknown() });
const controlMessage = z.object({
  boardId: BOARD_ID,
  control: z.object({
    locked: z.boolean(),
    phase: z.enum(BOARD_PHASES as [string, ...string[]]),
    timerEndsAt: z.number().finite().nullable(),
    voteBudget: z.number().int().min(0),
  }),
});
const docMessage = z.object({
  boardId: BOARD_ID,
  origin: z.enum(['client', 'server', 'peer']),
  at: z.number().finite(),
});
const callMessage = z.object({
  boardId: BOARD_ID,
  name: z.string().max(200),
  at: z.number().finite(),
});
const alarmMessage = z.object({
  boardId: BOARD_ID,
  role: z.string().max(50),
  name: z.string().max(200),
  cards: z.number().int().min(0),
  pointId: z.number().int().min(0),
  at: z.number().finite(),
});

/**
 * The board bus over Redis (scaled mode): every message reaches this instance's listeners at
 * once and the other instances' through Redis, so a lock set through instance A reaches the room
 * loaded on B, and the console on B hears a facilitator called, or a mass deletion, on C. Messages from Redis are
 * parsed like any untrusted input; our own echo is dropped. Document-changed notices are
 * throttled per board (the console needs "something changed", not every keystroke), and a
 * notice about a peer's write is not relayed: the instance that took the write already did.
 */
export class RedisBoardBus implements BoardBus {
  private readonly local: LocalBoardBus;
  private readonly unsubscribes: (() => void)[];
  private readonly throttled = new Map<string, { timer: NodeJS.Timeout; last: DocChangedNotice }>();

  constructor(
    private readonly fanout: RedisFanout,
    private readonly instanceId: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.local = new LocalBoardBus(onError);
    this.unsubscribes = [
      this.receive('bus:control', controlMessage, ({ boardId, control }) =>
        this.local.publishControl(boardId, control as ControlState),
      ),
      this.receive('bus:doc', docMessage, (notice) => this.local.publishDocChanged(notice)),
      this.receive('bus:call', callMessage, (call) => this.local.publishFacilitatorCall(call)),
      this.receive('bus:alarm', alarmMessage, (alarm) => this.local.publishDeletionAlarm(alarm)),
    ];
  }

  publishControl(boardId: string, control: ControlState): void {
    this.local.publishControl(boardId, control);
    this.send('bus:control', { boardId, control });
  }

  onControl(listener: (boardId: string, control: ControlState) => void): () => void {
    return this.local.onControl(listener);
  }

  publishDocChanged(notice: DocChangedNotice): void {
    this.local.publishDocChanged(notice);
    if (notice.origin === 'peer') return;
    const pending = this.throttled.get(notice.boardId);
    if (pending) {
      pending.last = notice;
      return;
    }
    this.send('bus:doc', notice);
    const entry = {
      last: notice,
      timer: setTimeout(() => {
        this.throttled.delete(notice.boardId);
        if (entry.last !== notice) this.send('bus:doc', entry.last);
      }, DOC_NOTICE_THROTTLE_MS),
    };
    entry.timer.unref();
    this.throttled.set(notice.boardId, entry);
  }

  onDocChanged(listener: (notice: DocChangedNotice) => void): () => void {
    return this.local.onDocChanged(listener);
  }

  publishFacilitatorCall(call: FacilitatorCall): void {
    this.local.publishFacilitatorCall(call);
    this.send('bus:call', call);
  }

  onFacilitatorCall(listener: (call: FacilitatorCall) => void): () => void {
    return this.local.onFacilitatorCall(listener);
  }

  publishDeletionAlarm(alarm: DeletionAlarm): void {
    this.local.publishDeletionAlarm(alarm);
    this.send('bus:alarm', alarm);
  }

  onDeletionAlarm(listener: (alarm: DeletionAlarm) => void): () => void {
    return this.local.onDeletionAlarm(listener);
  }

  /** Drops this bus's listeners and subscriptions; the fan-out belongs to the scaled mode. */
  async close(): Promise<void> {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    for (const { timer } of this.throttled.values()) clearTimeout(timer);
    this.throttled.clear();
    await this.local.close();
  }

  private send(channel: string, body: unknown): void {
    const payload = Buffer.from(JSON.stringify({ from: this.instanceId, body }));
    // Redis down: the message is lost; control state is also in the database, read at load.
    this.fanout.publish(channel, payload).catch(this.onError);
  }

  private receive<B>(
    channel: string,
    schema: z.ZodType<B>,
    deliver: (body: B) => void,
  ): () => void {
    return this.fanout.subscribe(channel, (payload) => {
      let raw: unknown;
      try {
        raw = JSON.parse(payload.toString('utf8'));
      } catch {
        return;
      }
      const message = envelope.safeParse(raw);
      if (!message.success || message.data.from === this.instanceId) return;
      const body = schema.safeParse(message.data.body);
      if (body.success) deliver(body.data);
    });
  }
}
