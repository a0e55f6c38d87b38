import type { ClientSpec } from './BenchClient';

/** Requests from LoadGenerator to a load worker; each is answered by a reply with its `id`. */
export type WorkerRequest =
  | {
      id: number;
      op: 'connect';
      specs: ClientSpec[];
      startAt: number;
      batch: number;
      timeoutMs: number;
    }
  | { id: number; op: 'load'; editHz: number; presenceHz: number }
  | { id: number; op: 'stopLoad' }
  | { id: number; op: 'reset' }
  | { id: number; op: 'collect' }
  | { id: number; op: 'burst'; perClient: number }
  | { id: number; op: 'close' };

export interface ConnectResult {
  synced: number;
  failed: number;
  /** Milliseconds from the common start to sync step 2, per synced client. */
  syncMs: number[];
}

export interface CollectResult {
  latencies: Float64Array;
  latencyCount: number;
  updates: number;
  awareness: number;
  lastUpdateAt: number;
  open: number;
  closeCodes: number[];
}

export interface BurstResult {
  firstSend: number;
  lastSend: number;
  sent: number;
}

export type WorkerReply =
  | ({ id: number; op: 'connect' } & ConnectResult)
  | ({ id: number; op: 'collect' } & CollectResult)
  | ({ id: number; op: 'burst' } & BurstResult)
  | { id: number; op: 'ack' }
  | { id: number; op: 'error'; message: string };
