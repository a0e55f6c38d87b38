import { parentPort } from 'node:worker_threads';
import { BenchClient, nowMs, type ClientSpec } from './BenchClient';
import { SampleBuffer } from './stats';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

/**
 * A worker thread hosting many simulated clients. It obeys requests from LoadGenerator and
 * answers each with the same `id`. All timers are cleared on `close`, so the thread can end.
 */
const port = parentPort;
if (!port) throw new Error('loadWorker must run as a worker thread');

const clients: BenchClient[] = [];
const latencies = new SampleBuffer();
let updates = 0;
let awareness = 0;
let lastUpdateAt = 0;
const timers = new Set<NodeJS.Timeout>();

const hooks = {
  onEditLatency: (ms: number) => latencies.add(ms),
  onUpdate: () => {
    updates++;
    lastUpdateAt = nowMs();
  },
  onAwareness: () => {
    awareness++;
  },
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function connect(specs: ClientSpec[], startAt: number, batch: number, timeoutMs: number) {
  const wait = startAt - nowMs();
  if (wait > 0) await sleep(wait);
  const mine: BenchClient[] = [];
  for (let i = 0; i < specs.length; i += batch) {
    for (const spec of specs.slice(i, i + batch)) mine.push(new BenchClient(spec, hooks));
    // Batches spread a large connect over a few ms so the listen backlog is not the test.
    if (i + batch < specs.length) await sleep(5);
  }
  clients.push(...mine);
  const ok = await Promise.all(mine.map((client) => client.whenSynced(timeoutMs)));
  return {
    synced: ok.filter(Boolean).length,
    failed: ok.filter((value) => !value).length,
    syncMs: mine.filter((c) => c.synced).map((c) => c.syncedAt - startAt),
  };
}

function startLoad(editHz: number, presenceHz: number): void {
  for (const client of clients) {
    const periodic = (hz: number, act: () => void) => {
      if (hz <= 0) return;
      const period = 1000 / hz;
      // A random phase, so a room's edits do not all land in the same millisecond.
      const first = setTimeout(() => {
        timers.delete(first);
        act();
        const every = setInterval(act, period);
        timers.add(every);
      }, Math.random() * period);
      timers.add(first);
    };
    // Observers are silent watchers (a projector, a moderator console): no edits, no presence.
    if (client.spec.role !== 'editor') continue;
    periodic(editHz, () => client.edit());
    periodic(presenceHz, () => client.presence());
  }
}

function stopLoad(): void {
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
}

/** Each editor sends `perClient` edits as fast as its socket drains; returns first/last send. */
async function burst(perClient: number) {
  const editors = clients.filter((c) => c.spec.role === 'editor' && c.synced);
  const firstSend = nowMs();
  const left = new Map(editors.map((c) => [c, perClient]));
  while (left.size > 0) {
    for (const [client, n] of left) {
      // Keep at most ~64 KiB in flight per socket: an open loop would only measure buffering.
      let sent = 0;
      while (sent < 32 && client.buffered < 64 * 1024 && sent < n) {
        client.edit();
        sent++;
      }
      if (n - sent <= 0 || client.closed) left.delete(client);
      else left.set(client, n - sent);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { firstSend, lastSend: nowMs(), sent: editors.length * perClient };
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.op) {
    case 'connect': {
      const result = await connect(
        request.specs,
        request.startAt,
        request.batch,
        request.timeoutMs,
      );
      return { id: request.id, op: 'connect', ...result };
    }
    case 'load':
      startLoad(request.editHz, request.presenceHz);
      return { id: request.id, op: 'ack' };
    case 'stopLoad':
      stopLoad();
      return { id: request.id, op: 'ack' };
    case 'reset':
      latencies.clear();
      updates = 0;
      awareness = 0;
      return { id: request.id, op: 'ack' };
    case 'collect':
      return {
        id: request.id,
        op: 'collect',
        latencies: latencies.values(),
        latencyCount: latencies.count,
        updates,
        awareness,
        lastUpdateAt,
        open: clients.filter((c) => !c.closed).length,
        closeCodes: clients.filter((c) => c.closed).map((c) => c.closeCode),
      };
    case 'burst':
      return { id: request.id, op: 'burst', ...(await burst(request.perClient)) };
    case 'close': {
      stopLoad();
      for (const client of clients.splice(0)) client.close();
      return { id: request.id, op: 'ack' };
    }
  }
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (reply) => port.postMessage(reply),
    (error: unknown) =>
      port.postMessage({ id: request.id, op: 'error', message: String(error) } as WorkerReply),
  );
});
