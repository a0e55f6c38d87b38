import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './BenchServer';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  date: string;
}

/** The machine the figures were measured on. */
export function machineInfo(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

const PACKAGES = [
  'yjs',
  'y-protocols',
  'lib0',
  'ws',
  'better-sqlite3',
  '@y/websocket-server',
  '@hocuspocus/server',
  '@hocuspocus/extension-sqlite',
  'sqlite3',
  'tsx',
];

/** Installed versions of the packages the servers and the generator run on. */
export function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of PACKAGES) {
    try {
      const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
      versions[name] = typeof parsed.version === 'string' ? parsed.version : '?';
    } catch {
      versions[name] = 'not installed';
    }
  }
  return versions;
}
