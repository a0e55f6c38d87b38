import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './redisProcess';
import { makeTempDir } from './tempDir';
import { waitFor } from './waitFor';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The configuration we ship; tests run a copy of it with their own ports filled in. */
export const SHIPPED_HAPROXY_CONFIG = path.join(REPO_ROOT, 'deploy', 'haproxy.cfg');
export const HAPROXY_BINARY = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';
/** The cookie a test sets on a browser context to pin it to one instance (see `pin`). */
export const PIN_COOKIE = 'papan_test_instance';

export interface BalancedServer {
  /** HAProxy's name for the instance (papan1, papan2...). */
  name: string;
  /** `http://127.0.0.1:<port>` of the instance. */
  url: string;
}

/**
 * deploy/haproxy.cfg with the test's ports: the frontend binds `port`, the shipped `server` lines
 * are replaced by `servers`, and with `pin` a request carrying the PIN_COOKIE named after a server
 * goes to that server (`use-server`), so a test can put two browsers on two instances whatever
 * the path hash says. Everything else (health checks on /healthz, the websocket tunnel timeout,
 * hashing on the path) is the shipped file's.
 */
export function balancerConfig(options: {
  port: number;
  servers: readonly BalancedServer[];
  pin?: boolean;
  /** Replaces the shipped `balance` line (e.g. `roundrobin` to spread a benchmark's clients). */
  balance?: string;
}): string {
  const shipped = fs.readFileSync(SHIPPED_HAPROXY_CONFIG, 'utf8').split('\n');
  const binds = shipped.filter((line) => /^\s*bind\s/.test(line));
  const servers = shipped.filter((line) => /^\s*server\s/.test(line));
  const balances = shipped.filter((line) => /^\s*balance\s/.test(line));
  if (binds.length !== 1 || servers.length === 0 || balances.length !== 1) {
    throw new Error(
      `${SHIPPED_HAPROXY_CONFIG}: expected one bind, one balance and some server lines`,
    );
  }
  const out: string[] = [];
  for (const line of shipped) {
    if (binds.includes(line)) {
      out.push(`    bind 127.0.0.1:${options.port}`);
    } else if (line === servers[0]) {
      for (const server of options.servers) {
        out.push(`    server ${server.name} ${new URL(server.url).host}`);
      }
      if (options.pin) {
        for (const server of options.servers) {
          out.push(
            `    use-server ${server.name} if { req.cook(${PIN_COOKIE}) -m str ${server.name} }`,
          );
        }
      }
    } else if (servers.includes(line)) {
      continue;
    } else if (options.balance && balances.includes(line)) {
      out.push(`    balance ${options.balance}`);
    } else if (/^\s*maxconn\s/.test(line)) {
      // The shipped limit needs ~40,000 file descriptors; a test machine may allow fewer.
      out.push('    maxconn 4000');
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
}

/** Whether HAProxy can be run here. */
export function haproxyInstalled(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(HAPROXY_BINARY, ['-v'], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/** A real HAProxy (child process, foreground) in front of test instances, on a free port. */
export class HaproxyProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly temp: { remove: () => void },
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** Starts HAProxy and waits until every server answers /healthz through it. */
  static async start(
    servers: readonly BalancedServer[],
    options: { pin?: boolean; balance?: string } = {},
  ): Promise<HaproxyProcess> {
    const port = await freePort();
    const temp = makeTempDir('papan-haproxy-');
    const file = path.join(temp.dir, 'haproxy.cfg');
    fs.writeFileSync(file, balancerConfig({ port, servers, ...options }));
    const child = spawn(HAPROXY_BINARY, ['-db', '-f', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const haproxy = new HaproxyProcess(child, port, temp);
    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`haproxy exited:\n${haproxy.output}`);
          const response = await fetch(`${haproxy.url}/healthz`);
          return response.status === 200;
        },
        { timeoutMs: 15_000, intervalMs: 100, what: 'HAProxy to answer' },
      );
    } catch (error) {
      await haproxy.stop();
      throw new Error(`${String(error)}\n${haproxy.output}`, { cause: error });
    }
    return haproxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get syncUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  /** What HAProxy printed (warnings, servers going down). */
  log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    this.temp.remove();
  }
}
