import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempDir';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

/** Sends a raw request line, so paths reach the server exactly as written (no URL cleanup). */
async function rawGet(url: string, requestPath: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${requestPath} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('http operations and static files', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const temps: ReturnType<typeof makeTempDir>[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
    for (const t of temps.splice(0)) t.remove();
  });

  it('GET /healthz answers ok with the uptime', async () => {
    server = await startTestServer();
    const response = await fetch(`${server.server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as { ok: boolean; uptimeSeconds: number };
    expect(body.ok).toBe(true);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('GET /metrics reports rooms, connections, traffic, append latency and event-loop delay', async () => {
    server = await startTestServer();
    const tablet = connectClient(server.syncUrl, 'kec-juai');
    clients.push(tablet);
    await tablet.synced();
    tablet.doc.getMap('cards').set('a', 1);
    await waitFor(() => server.server.metrics.updatesIn === 1);
    const text = await (await fetch(`${server.server.url}/metrics`)).text();
    expect(text).toMatch(/^papan_rooms 1$/m);
    expect(text).toMatch(/^papan_connections 1$/m);
    expect(text).toMatch(/^papan_updates_in_total 1$/m);
    expect(text).toMatch(/^papan_bytes_in_total [1-9]\d*$/m);
    expect(text).toMatch(/^papan_bytes_out_total [1-9]\d*$/m);
    expect(text).toMatch(/^papan_store_append_seconds_count 1$/m);
    expect(text).toMatch(/^papan_store_append_seconds_bucket\{le="\+Inf"\} 1$/m);
    expect(text).toMatch(/^papan_event_loop_delay_seconds\{quantile="0.99"\} /m);
    expect(text).toMatch(/# TYPE papan_socket_closes_total counter/);
  });

  it('serves the built client with SPA fallback, content types and no directory traversal', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    fs.mkdirSync(path.join(temp.dir, 'assets'));
    fs.writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(temp.dir, 'assets', 'app-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(temp.dir, '..', 'secret.txt'), 'top secret');
    server = await startTestServer({ clientDist: temp.dir });
    const base = server.server.url;

    const index = await fetch(`${base}/`);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('<title>app</title>');
    const board = await fetch(`${base}/b/kec-paringin`);
    expect(await board.text()).toContain('<title>app</title>');
    const script = await fetch(`${base}/assets/app-abc123.js`);
    expect(script.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/api/nothing-here`)).status).toBe(404);

    for (const attack of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await rawGet(base, attack);
      expect(response, attack).not.toContain('top secret');
    }
    fs.rmSync(path.join(temp.dir, '..', 'secret.txt'));
  });

  it('serves a placeholder page when the client has not been built', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    server = await startTestServer({ clientDist: path.join(temp.dir, 'no-dist') });
    const response = await fetch(`${server.server.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Papan Rembuk');
  });

  it('serves tldraw assets locally with long cache headers', async () => {
    server = await startTestServer();
    const font = await fetch(`${server.server.url}/tldraw-assets/fonts/IBMPlexMono-Bold.woff2`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(font.headers.get('cache-control')).toMatch(/max-age=31536000/);
    await font.arrayBuffer();
    expect((await fetch(`${server.server.url}/tldraw-assets/fonts/nope.woff2`)).status).toBe(404);
    const escape = await rawGet(server.server.url, '/tldraw-assets/..%2fpackage.json');
    expect(escape).toMatch(/^HTTP\/1.1 400/);
  });

  it('extra routes passed to startServer answer before the static client', async () => {
    server = await startTestServer({
      routes: [
        (_request, response, url) => {
          if (url.pathname !== '/api/ping') return false;
          response.end('pong');
          return true;
        },
      ],
    });
    expect(await (await fetch(`${server.server.url}/api/ping`)).text()).toBe('pong');
  });
});
