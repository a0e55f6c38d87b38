import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Framing } from './wire';

export type ServerKind = 'ours' | 'reference' | 'hocuspocus';

export const SERVER_LABELS: Record<ServerKind, string> = {
  ours: 'Papan Rembuk (SQLite log)',
  reference: '@y/websocket-server 0.1.1 (in memory)',
  hocuspocus:
    'Hocuspocus 3 + SQLite extension (scaled scenarios: + Redis extension, PostgreSQL through the Database extension)',
};

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN_TOKEN = 'bench-admin-token-not-secret-0123456789';

/** Every child process the bench started, so that SIGINT and `finally` can end them all. */
export class ChildRegistry {
  private readonly children = new Set<ChildProcess>();

  add(child: ChildProcess): void {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
  }

  /** SIGKILLs whatever is still running (the last resort; BenchServer.stop is the polite way). */
  killAll(): void {
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }
}

export interface StartOptions {
  /** Reuse a data directory (restart scenarios); otherwise a temporary one is made and removed. */
  dataDir?: string;
  env?: Record<string, string>;
  /** Directory for `node --cpu-prof` output of the server process. */
  cpuProfDir?: string;
  /**
   * Which Hocuspocus peer: `sqlite` (bench/peers/hocuspocusServer.ts, the default) or `redis`
   * (bench/peers/hocuspocusRedisServer.ts: Redis extension + PostgreSQL, for scaled scenarios).
   */
  hocuspocusPeer?: 'sqlite' | 'redis';
}

/** Finds a free loopback port by binding port 0. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** One server under test, running as its own process on 127.0.0.1. */
export class BenchServer {
  readonly framing: Framing;
  private exited = false;

  private constructor(
    readonly kind: ServerKind,
    readonly child: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    readonly stderr: string[],
  ) {
    this.framing = kind === 'hocuspocus' ? 'hocuspocus' : 'plain';
    child.once('exit', () => {
      this.exited = true;
    });
  }

  /** Starts a server child process and waits until it answers http. */
  static async start(
    kind: ServerKind,
    children: ChildRegistry,
    options: StartOptions = {},
  ): Promise<BenchServer> {
    const port = await freePort();
    const ownsDataDir = !options.dataDir;
    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), `papan-bench-${kind}-`));
    const nodeArgs = options.cpuProfDir
      ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`]
      : [];
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...options.env,
    };
    let args: string[];
    switch (kind) {
      case 'ours':
        args = [...nodeArgs, '--import', 'tsx', path.join(REPO_ROOT, 'server', 'main.ts')];
        Object.assign(env, {
          DATA_DIR: dataDir,
          LOG_LEVEL: 'silent',
          PAPAN_ADMIN_TOKEN: ADMIN_TOKEN,
          // The fan-out scenario puts 1,001 sockets in one room; the product limit is 1,000.
          MAX_CONNECTIONS_PER_ROOM: '5000',
          // ...all from this one address (the product allows 400 per address).
          MAX_SOCKETS_PER_ADDRESS: '5000',
          ...options.env,
        });
        break;
      case 'reference':
        args = [
          ...nodeArgs,
          path.join(REPO_ROOT, 'node_modules', '@y', 'websocket-server', 'src', 'server.js'),
        ];
        break;
      case 'hocuspocus':
        args = [
          ...nodeArgs,
          '--import',
          'tsx',
          path.join(
            REPO_ROOT,
            'bench',
            'peers',
            options.hocuspocusPeer === 'redis' ? 'hocuspocusRedisServer.ts' : 'hocuspocusServer.ts',
          ),
        ];
        env.DATA_DIR = dataDir;
        break;
    }
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.add(child);
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 200) stderr.push(chunk.toString());
    });
    const server = new BenchServer(kind, child, port, dataDir, ownsDataDir, stderr);
    // Generous: a scaled instance connects to PostgreSQL and Redis, and on a loaded shared
    // 2-core machine a tsx start alone can take half a minute.
    await server.waitUntilUp(60_000);
    return server;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get token(): string {
    return this.kind === 'ours' ? ADMIN_TOKEN : '';
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The websocket URL of one room (board), without the token. */
  syncUrl(room: string): string {
    return this.kind === 'ours'
      ? `ws://127.0.0.1:${this.port}/sync/${room}`
      : `ws://127.0.0.1:${this.port}/${room}`;
  }

  /**
   * `count` rooms to use. Ours needs real boards: they are created through the events API (one
   * board per kecamatan, at most 99 kecamatan per kabupaten CSV). The others take any name.
   */
  async createRooms(count: number, tag: string): Promise<string[]> {
    if (this.kind !== 'ours') {
      return Array.from({ length: count }, (_, i) => `bench-${tag}-${i + 1}`);
    }
    const ids: string[] = [];
    for (let start = 0; start < count; start += 99) {
      const n = Math.min(99, count - start);
      const kab = `99.${String(10 + ((start / 99) % 89)).padStart(2, '0')}`;
      const rows = ['kode,jenis,nama,kecamatan_kode,kecamatan,kabupaten_kode,kabupaten'];
      for (let i = 1; i <= n; i++) {
        const kode = `${kab}.${String(i).padStart(2, '0')}`;
        rows.push(`${kode},kecamatan,Bench ${i},${kode},Bench ${i},${kab},Kab Bench`);
      }
      const response = await fetch(`${this.httpUrl}/api/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: `Bench ${tag}`, year: 2026, gazetteerCsv: rows.join('\n') }),
      });
      if (response.status === 404 && start === 0) {
        // The events API is not wired into server/main.ts yet: every board id is accepted.
        return Array.from({ length: count }, (_, i) => `bench-${tag}-${i + 1}`);
      }
      if (!response.ok) {
        throw new Error(`POST /api/events: ${response.status} ${await response.text()}`);
      }
      const body = (await response.json()) as { boards?: Array<{ id?: unknown }> };
      for (const board of body.boards ?? []) {
        if (typeof board.id === 'string') ids.push(board.id);
      }
    }
    if (ids.length < count) throw new Error(`asked for ${count} boards, got ${ids.length}`);
    return ids.slice(0, count);
  }

  /** `GET /metrics` of our server (Prometheus text), or null for the others. */
  async metrics(): Promise<string | null> {
    if (this.kind !== 'ours') return null;
    const response = await fetch(`${this.httpUrl}/metrics`);
    return response.ok ? response.text() : null;
  }

  /**
   * The Hocuspocus+Redis peer's `GET /bench/clocks`: per loaded document, the sum of its state
   * vector clocks (see bench/lib/clockSum.ts); an empty object from the other servers.
   */
  async hocuspocusClocks(): Promise<Record<string, number>> {
    if (this.kind !== 'hocuspocus') return {};
    const response = await fetch(`${this.httpUrl}/bench/clocks`);
    return response.ok ? ((await response.json()) as Record<string, number>) : {};
  }

  /** SIGTERM (graceful: ours flushes and compacts), SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
  }

  /** Removes the temporary data directory (after stop). */
  cleanup(): void {
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitUntilUp(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new Error(`${this.kind} server exited at start:\n${this.stderr.join('')}`);
      }
      try {
        const response = await fetch(`${this.httpUrl}/${this.kind === 'ours' ? 'healthz' : ''}`);
        await response.arrayBuffer();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    this.child.kill('SIGKILL');
    throw new Error(`${this.kind} server did not answer within ${timeoutMs} ms`);
  }
}

/** Reads one unlabelled sample (e.g. `papan_rooms`) from Prometheus text. */
export function metricValue(text: string | null, name: string): number | null {
  if (!text) return null;
  const match = new RegExp(`^${name} ([0-9.eE+-]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}
