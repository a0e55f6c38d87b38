import type { ControlState } from '../../shared/control';
import type { BoardBus, DeletionAlarm, DocChangedNotice, FacilitatorCall } from './BoardBus';

/** A listener set whose listeners cannot break each other (errors go to `onError`). */
class Topic<T extends unknown[]> {
  private readonly listeners = new Set<(...args: T) => void>();

  constructor(private readonly onError: (error: unknown) => void) {}

  on(listener: (...args: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(...args: T): void {
    for (const listener of this.listeners) {
      try {
        listener(...args);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** The board bus of a single server process: every message reaches this process's listeners. */
export class LocalBoardBus implements BoardBus {
  private readonly control;
  private readonly docChanged;
  private readonly calls;
  private readonly alarms;

  constructor(onError: (error: unknown) => void = () => undefined) {
    this.control = new Topic<[string, ControlState]>(onError);
    this.docChanged = new Topic<[DocChangedNotice]>(onError);
    this.calls = new Topic<[FacilitatorCall]>(onError);
    this.alarms = new Topic<[DeletionAlarm]>(onError);
  }

  publishControl(boardId: string, control: ControlState): void {
    this.control.publish(boardId, { ...control });
  }

  onControl(listener: (boardId: string, control: ControlState) => void): () => void {
    return this.control.on(listener);
  }

  publishDocChanged(notice: DocChangedNotice): void {
    this.docChanged.publish(notice);
  }

  onDocChanged(listener: (notice: DocChangedNotice) => void): () => void {
    return this.docChanged.on(listener);
  }

  publishFacilitatorCall(call: FacilitatorCall): void {
    this.calls.publish(call);
  }

  onFacilitatorCall(listener: (call: FacilitatorCall) => void): () => void {
    return this.calls.on(listener);
  }

  publishDeletionAlarm(alarm: DeletionAlarm): void {
    this.alarms.publish({ ...alarm });
  }

  onDeletionAlarm(listener: (alarm: DeletionAlarm) => void): () => void {
    return this.alarms.on(listener);
  }

  async close(): Promise<void> {
    this.alarms.clear();
    this.control.clear();
    this.docChanged.clear();
    this.calls.clear();
  }
}
