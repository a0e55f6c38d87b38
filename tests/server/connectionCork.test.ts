import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { loadConfig } from '../../server/config';
import { Metrics } from '../../server/metrics/Metrics';
import { Connection } from '../../server/sync/Connection';

/**
 * A room delivers a pass of committed updates to every socket in one go; each socket must write
 * them in one syscall, not one per frame (the scaled bench spent a tenth of its CPU in writev).
 */
describe('Connection: the frames of one tick go out in one write', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function serverConnection() {
    const writes: number[] = [];
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    const server = http.createServer();
    const accepted = new Promise<Connection>((resolve) => {
      server.on('upgrade', (request, socket: Duplex, head) => {
        // Count what reaches the kernel: each _writev/_write call is one write syscall.
        const counted = socket as Duplex & {
          _writev?: (chunks: { chunk: unknown }[], cb: (error?: Error | null) => void) => void;
        };
        const writev = counted._writev?.bind(counted);
        const write = counted._write.bind(counted);
        if (writev) {
          counted._writev = (chunks, cb) => {
            writes.push(chunks.length);
            writev(chunks, cb);
          };
        }
        counted._write = (chunk, encoding, cb) => {
          writes.push(1);
          write(chunk, encoding, cb);
        };
        wss.handleUpgrade(request, socket, head, (ws) => {
          const info = {
            id: 1,
            boardId: 'cork-board',
            readOnly: false,
            role: 'participant',
            subject: 'test',
            voterId: null,
          };
          const deps = {
            logger: pino({ level: 'silent' }),
            metrics: new Metrics(),
            limits: loadConfig({ DATA_DIR: '/tmp' }).limits,
          };
          resolve(new Connection(ws, info, deps, socket));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new WebSocket(`ws://127.0.0.1:${port}/`);
    const received: Buffer[] = [];
    client.on('message', (data: Buffer) => received.push(data));
    await new Promise((resolve) => client.once('open', resolve));
    const connection = await accepted;
    closers.push(async () => {
      client.terminate();
      wss.close();
      await new Promise((resolve) => server.close(resolve));
    });
    return { connection, writes, received };
  }

  it('writes 50 frames sent in one tick with a single write, in order', async () => {
    const { connection, writes, received } = await serverConnection();
    writes.length = 0;
    for (let i = 0; i < 50; i++) expect(connection.send(Uint8Array.of(0, 2, i))).toBe(true);
    // Nothing is written before the tick ends.
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    // Each ws frame is a header chunk and a payload chunk.
    expect(writes[0]).toBe(100);
    await expect.poll(() => received.length).toBe(50);
    expect(received.map((frame) => frame[2])).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('sends of later ticks go out on their own, nothing is held back', async () => {
    const { connection, writes, received } = await serverConnection();
    writes.length = 0;
    connection.send(Uint8Array.of(0, 2, 1));
    await new Promise((resolve) => setImmediate(resolve));
    connection.send(Uint8Array.of(0, 2, 2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(2);
    await expect.poll(() => received.length).toBe(2);
  });
});
