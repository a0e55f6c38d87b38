import { Worker } from 'node:worker_threads';
import type { ClientSpec } from './BenchClient';
import { concatSamples } from './stats';
import type {
  BurstResult,
  CollectResult,
  ConnectResult,
  WorkerReply,
  WorkerRequest,
} from './workerProtocol';

const WORKER_URL = new URL('./loadWorker.ts', import.meta.url).href;

// Node 20 does not pass tsx's loader hooks to worker threads, so each worker registers tsx first.
const BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };

// Distributive Omit, so each member of the request union keeps its own fields.
type RequestBody = WorkerRequest extends infer R
  ? R extends WorkerRequest
    ? Omit<R, 'id'>
    : never
  : never;

/** Worker threads hosting simulated clients, spread round-robin; the generator's side of the RPC. */
export class LoadGenerator {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(workerCount: number) {
    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(BOOTSTRAP, { eval: true });
      worker.on('message', (reply: WorkerReply) => {
        const waiter = this.pending.get(reply.id);
        if (!waiter) return;
        this.pending.delete(reply.id);
        if (reply.op === 'error') waiter.reject(new Error(`load worker: ${reply.message}`));
        else waiter.resolve(reply);
      });
      worker.on('error', (error) => {
        for (const waiter of this.pending.values()) waiter.reject(error);
        this.pending.clear();
      });
      this.workers.push(worker);
    }
  }

  /** Opens the clients at `startAt` (wall-clock ms), spread over the workers; waits for sync. */
  async connect(
    specs: ClientSpec[],
    options: { startAt?: number; batch?: number; timeoutMs?: number } = {},
  ): Promise<ConnectResult> {
    const shares = this.workers.map((): ClientSpec[] => []);
    specs.forEach((spec, i) => shares[i % shares.length]?.push(spec));
    const startAt = options.startAt ?? performance.timeOrigin + performance.now() + 50;
    const replies = await Promise.all(
      shares.map((share, i) =>
        this.call(i, {
          op: 'connect',
          specs: share,
          startAt,
          batch: options.batch ?? 25,
          timeoutMs: options.timeoutMs ?? 30_000,
        }),
      ),
    );
    const results = replies.map((r) => r as ConnectResult);
    return {
      synced: results.reduce((n, r) => n + r.synced, 0),
      failed: results.reduce((n, r) => n + r.failed, 0),
      syncMs: results.flatMap((r) => r.syncMs),
    };
  }

  async load(editHz: number, presenceHz: number): Promise<void> {
    await this.all({ op: 'load', editHz, presenceHz });
  }

  async stopLoad(): Promise<void> {
    await this.all({ op: 'stopLoad' });
  }

  async reset(): Promise<void> {
    await this.all({ op: 'reset' });
  }

  /** Everything the workers measured since the last reset, merged. */
  async collect(): Promise<CollectResult> {
    const results = (await this.all({ op: 'collect' })) as unknown as CollectResult[];
    return {
      latencies: concatSamples(results.map((r) => r.latencies)),
      latencyCount: results.reduce((n, r) => n + r.latencyCount, 0),
      updates: results.reduce((n, r) => n + r.updates, 0),
      awareness: results.reduce((n, r) => n + r.awareness, 0),
      lastUpdateAt: Math.max(...results.map((r) => r.lastUpdateAt)),
      open: results.reduce((n, r) => n + r.open, 0),
      closeCodes: results.flatMap((r) => r.closeCodes),
    };
  }

  async burst(perClient: number): Promise<BurstResult> {
    const results = (await this.all({ op: 'burst', perClient })) as unknown as BurstResult[];
    return {
      firstSend: Math.min(...results.map((r) => r.firstSend)),
      lastSend: Math.max(...results.map((r) => r.lastSend)),
      sent: results.reduce((n, r) => n + r.sent, 0),
    };
  }

  /** Closes every client socket (the workers stay for the next phase). */
  async closeClients(): Promise<void> {
    await this.all({ op: 'close' });
  }

  /** Closes the clients and ends the worker threads. */
  async destroy(): Promise<void> {
    await Promise.race([this.closeClients(), new Promise((r) => setTimeout(r, 2000))]).catch(
      () => undefined,
    );
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.workers.length = 0;
  }

  private all(body: RequestBody): Promise<WorkerReply[]> {
    return Promise.all(this.workers.map((_, i) => this.call(i, body)));
  }

  private call(index: number, body: RequestBody): Promise<WorkerReply> {
    const worker = this.workers[index];
    if (!worker) return Promise.reject(new Error(`no load worker ${index}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...body, id });
    });
  }
}
