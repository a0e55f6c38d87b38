import type { ControlState } from '../../shared/control';

/** A call for a facilitator from a board ("Panggil fasilitator"). */
export interface FacilitatorCall {
  boardId: string;
  name: string;
  at: number;
}

/** A board's document changed; `origin` says who wrote (see WriteOrigin). */
export interface DocChangedNotice {
  boardId: string;
  origin: 'client' | 'server' | 'peer';
  at: number;
}

/**
 * A mass deletion on a board: a restore point (`pointId`) was made just before a client
 * connection deleted `cards` cards within the alarm window (see massDeletionRule).
 */
export interface DeletionAlarm {
  boardId: string;
  /** Who: the connection's role and token name. */
  role: string;
  name: string;
  cards: number;
  pointId: number;
  at: number;
}

/**
 * How control state, document-changed notices, facilitator calls and deletion alarms travel between the API,
 * the rooms and the moderator consoles. In one process today (LocalBoardBus); with several
 * server instances, an implementation over Redis carries the same three kinds of message, so
 * a lock set on one instance reaches the room loaded on another.
 */
export interface BoardBus {
  /** New control state of a board (the events database holds the truth). */
  publishControl(boardId: string, control: ControlState): void;
  onControl(listener: (boardId: string, control: ControlState) => void): () => void;
  publishDocChanged(notice: DocChangedNotice): void;
  onDocChanged(listener: (notice: DocChangedNotice) => void): () => void;
  publishFacilitatorCall(call: FacilitatorCall): void;
  onFacilitatorCall(listener: (call: FacilitatorCall) => void): () => void;
  /** A mass deletion raised on the instance that took the write, for every moderator console. */
  publishDeletionAlarm(alarm: DeletionAlarm): void;
  onDeletionAlarm(listener: (alarm: DeletionAlarm) => void): () => void;
  /** Drops every listener (and, for a networked bus, its connection). */
  close(): Promise<void>;
}
