/**
 * Hocuspocus 3 with its SQLite extension, as a peer for the benchmarks: started by
 * bench/lib/BenchServer.ts with HOST, PORT and DATA_DIR; stops on SIGTERM.
 */
import path from 'node:path';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  extensions: [
    new SQLite({ database: path.join(process.env.DATA_DIR ?? '/tmp', 'hocuspocus.sqlite') }),
  ],
});

await server.listen();
