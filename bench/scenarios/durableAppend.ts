import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BenchClient, nowMs, type ClientSpec } from '../lib/BenchClient';
import { metricValue, type BenchServer, type ServerKind } from '../lib/BenchServer';
import { ProcSampler } from '../lib/procStats';
import {
  round,
  sleep,
  withServer,
  type ScenarioContext,
  type ScenarioResult,
} from '../lib/scenario';

const WRITERS = 8;

function fileBytes(...files: string[]): number {
  return files.reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0);
}

/** What our SQLite file holds for one board after the server stopped (and compacted). */
function oursStoredSizes(dataDir: string, boardId: string) {
  const file = path.join(dataDir, 'papan.sqlite');
  const db = new Database(file, { readonly: true });
  try {
    const log = db
      .prepare<[string], { n: number; bytes: number | null }>(
        'SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM doc_updates WHERE board_id = ?',
      )
      .get(boardId);
    const snapshot = db
      .prepare<[string], { bytes: number }>(
        'SELECT LENGTH(snapshot) AS bytes FROM doc_snapshots WHERE board_id = ?',
      )
      .get(boardId);
    return {
      logEntries: log?.n ?? 0,
      logBytes: log?.bytes ?? 0,
      snapshotBytes: snapshot?.bytes ?? 0,
      fileBytes: fileBytes(file, `${file}-wal`, `${file}-shm`),
    };
  } finally {
    db.close();
  }
}

/** Sends `total` edits from 8 writers as fast as the sockets drain; one observer counts arrivals. */
async function runBurst(ctx: ScenarioContext, server: BenchServer, room: string, total: number) {
  let received = 0;
  let lastAt = 0;
  const observer = new BenchClient(
    {
      no: ctx.clientNo(),
      url: server.syncUrl(room),
      room,
      framing: server.framing,
      token: server.token,
      role: 'observer',
    },
    {
      onEditLatency: () => undefined,
      onUpdate: () => {
        received++;
        lastAt = nowMs();
      },
      onAwareness: () => undefined,
    },
  );
  try {
    if (!(await observer.whenSynced(30_000))) throw new Error('observer did not sync');
    const specs: ClientSpec[] = Array.from({ length: WRITERS }, () => ({
      no: ctx.clientNo(),
      url: server.syncUrl(room),
      room,
      framing: server.framing,
      token: server.token,
      role: 'editor',
    }));
    await ctx.generator.connect(specs);
    await sleep(300);
    received = 0;
    const sampler = new ProcSampler(server.pid);
    sampler.start();
    const burst = await ctx.generator.burst(Math.ceil(total / WRITERS));
    // Wait for the observer to see them all; give up after 5 s without progress.
    let seen = -1;
    let stalledSince = performance.now();
    while (received < burst.sent && performance.now() - stalledSince < 5000) {
      if (received !== seen) {
        seen = received;
        stalledSince = performance.now();
      }
      await sleep(50);
    }
    const window = sampler.stop();
    const seconds = (lastAt - burst.firstSend) / 1000;
    return { sent: burst.sent, received, seconds, perSecond: received / seconds, server: window };
  } finally {
    observer.close();
    await ctx.generator.closeClients();
  }
}

/** Scenario 4: sustained updates per second through each server, and what ours stores. */
export async function durableAppendScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const total = ctx.quick ? 2000 : 40_000;
  const rate: Partial<Record<ServerKind, number | null>> = {};
  const cpu: Partial<Record<ServerKind, number | null>> = {};
  const appendMicros: Partial<Record<ServerKind, number | null>> = {};
  const logKiB: Partial<Record<ServerKind, number | null>> = {};
  const snapshotKiB: Partial<Record<ServerKind, number | null>> = {};
  const fileKiB: Partial<Record<ServerKind, number | null>> = {};
  const notes: string[] = [];
  const detail: Record<string, unknown> = {};

  for (const kind of ctx.servers) {
    let room = '';
    const dataDir = mkdtempSync(path.join(tmpdir(), `papan-bench-append-${kind}-`));
    await withServer(
      ctx,
      kind,
      async (server) => {
        [room = ''] = await server.createRooms(1, `append-${ctx.clientNo()}`);
        const result = await runBurst(ctx, server, room, total);
        rate[kind] = Math.round(result.perSecond);
        cpu[kind] = round(result.server.cpuPercent);
        const metrics = await server.metrics();
        const sum = metricValue(metrics, 'papan_store_append_seconds_sum');
        const count = metricValue(metrics, 'papan_store_append_seconds_count');
        if (sum !== null && count) appendMicros[kind] = round((sum / count) * 1e6);
        detail[kind] = { ...result, appendsCounted: count };
        ctx.log(
          `append ${kind}: ${result.received}/${result.sent} arrived in ${round(result.seconds)} s = ` +
            `${Math.round(result.perSecond)}/s, CPU ${round(result.server.cpuPercent)}%`,
        );
        if (result.received < result.sent) {
          notes.push(
            `${kind}: only ${result.received} of ${result.sent} updates reached the observer.`,
          );
        }
      },
      { dataDir },
    );
    // After a graceful stop the room has been compacted: measure what is on disk.
    if (kind === 'hocuspocus') {
      const file = path.join(dataDir, 'hocuspocus.sqlite');
      fileKiB[kind] = round(fileBytes(file, `${file}-wal`, `${file}-journal`) / 1024);
    }
    if (kind === 'ours' && room) {
      try {
        const sizes = oursStoredSizes(dataDir, room);
        logKiB[kind] = round(sizes.logBytes / 1024);
        snapshotKiB[kind] = round(sizes.snapshotBytes / 1024);
        fileKiB[kind] = round(sizes.fileBytes / 1024);
        notes.push(`ours after shutdown: ${sizes.logEntries} log entries left after compaction.`);
      } catch (error) {
        notes.push(`ours: could not read the SQLite file (${String(error)}).`);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  notes.push(
    `${WRITERS} writers in one room send ${total} card edits (one Y.Map field set each) as fast ` +
      'as their sockets drain (at most 64 KiB in flight each); one more client counts arrivals. ' +
      'Rate = arrivals / (last arrival - first send). Ours appends each update to SQLite (WAL, ' +
      'synchronous=NORMAL) before broadcasting; the reference keeps memory only; Hocuspocus ' +
      'stores a debounced full snapshot (2 s debounce). Sizes are read from the SQLite file after ' +
      'a graceful stop (ours compacts on unload); the data directory is temporary.',
  );
  return {
    scenario: 'append',
    title: `4. Durable append (${total} updates)`,
    figures: [
      { name: 'sustained updates', unit: 'updates/s', better: 'higher', values: rate },
      { name: 'server CPU during the burst', unit: '% of a core', better: 'lower', values: cpu },
      { name: 'mean SQLite append', unit: 'µs', better: 'lower', values: appendMicros },
      { name: 'log after compaction', unit: 'KiB', better: 'lower', values: logKiB },
      { name: 'snapshot after compaction', unit: 'KiB', better: 'lower', values: snapshotKiB },
      { name: 'SQLite file (+WAL)', unit: 'KiB', better: 'lower', values: fileKiB },
    ],
    notes,
    detail,
  };
}
