import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/startServer';
import { makeTempDir } from '../helpers/tempDir';
import { testConfig } from '../helpers/testConfig';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../helpers/testPapan';
import { startTestServer, type TestServer } from '../helpers/testServer';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose body is read as sent (fetch would decompress it behind our back). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}

/** Sends a raw request line, so paths reach the server exactly as written (no URL cleanup). */
function rawLine(url: string, requestPath: string, extra = ''): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${requestPath} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

function decode(answer: RawAnswer): Buffer {
  switch (answer.headers['content-encoding']) {
    case 'br':
      return zlib.brotliDecompressSync(answer.body);
    case 'gzip':
      return zlib.gunzipSync(answer.body);
    default:
      return answer.body;
  }
}

/** A built client with precompressed siblings, as the build makes them. */
function clientDir(root: string) {
  const dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  const bundle = `console.log(${JSON.stringify('papan '.repeat(4000))});\n`;
  const files: Record<string, string> = {
    'index.html': `<!doctype html><title>app</title>${'<!-- pad -->'.repeat(200)}`,
    'board.html': `<!doctype html><title>board</title>${'<!-- pad -->'.repeat(200)}`,
    'assets/app-abc123.js': bundle,
    'sw.js': `self.addEventListener('fetch', () => {});${' '.repeat(3000)}`,
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dist, name);
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
  }
  return { dist, files };
}

describe('static files on the framework', () => {
  let server: TestServer;
  let temp: ReturnType<typeof makeTempDir>;

  afterEach(async () => {
    await server.close();
    temp.remove();
  });

  it('serves the precompressed brotli or gzip file whose bytes decompress to exactly the file', async () => {
    temp = makeTempDir();
    const { dist, files } = clientDir(temp.dir);
    server = await startTestServer({ clientDist: dist });
    const base = server.server.url;
    for (const [urlPath, name] of [
      ['/assets/app-abc123.js', 'assets/app-abc123.js'],
      ['/', 'index.html'],
      ['/b/kec-juai', 'board.html'],
      ['/j/ABC123', 'index.html'],
      ['/sw.js', 'sw.js'],
    ] as const) {
      const original = Buffer.from(files[name] ?? '');
      for (const [accept, expected] of [
        ['br, gzip', 'br'],
        ['gzip', 'gzip'],
        ['identity', undefined],
      ] as const) {
        const answer = await rawGet(`${base}${urlPath}`, { 'accept-encoding': accept });
        expect(answer.status, `${urlPath} ${accept}`).toBe(200);
        expect(answer.headers['content-encoding'], `${urlPath} ${accept}`).toBe(expected);
        expect(answer.headers.vary, urlPath).toMatch(/accept-encoding/i);
        expect(decode(answer).equals(original), `${urlPath} ${accept}`).toBe(true);
        if (expected) expect(answer.body.length).toBeLessThan(original.length);
      }
    }
  });

  it('sends board.html (which preloads the board’s code) for a board only, index.html elsewhere', async () => {
    temp = makeTempDir();
    const { dist } = clientDir(temp.dir);
    server = await startTestServer({ clientDist: dist });
    const base = server.server.url;
    const title = async (page: string) =>
      /<title>(\w+)<\/title>/.exec(decode(await rawGet(`${base}${page}`, {})).toString())?.[1];
    expect(await title('/b/kec-juai')).toBe('board');
    expect(await title('/b/kec-juai/')).toBe('board');
    for (const page of ['/', '/j/ABC123', '/e/ev1/console', '/b', '/bx/kec-juai']) {
      expect(await title(page), page).toBe('app');
    }
    // A build without board.html (an older one) still opens boards, from index.html.
    fs.rmSync(path.join(dist, 'board.html'));
    expect(await title('/b/kec-juai')).toBe('app');
  });

  it('caches hashed assets for a year and revalidates pages, the service worker and /config.js', async () => {
    temp = makeTempDir();
    const { dist } = clientDir(temp.dir);
    server = await startTestServer({ clientDist: dist });
    const base = server.server.url;
    const asset = await rawGet(`${base}/assets/app-abc123.js`, { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const page of ['/', '/b/kec-juai', '/j/ABC123', '/sw.js']) {
      const answer = await rawGet(`${base}${page}`, { 'accept-encoding': 'gzip' });
      expect(answer.headers['cache-control'], page).toBe('no-cache');
      const etag = answer.headers.etag;
      expect(etag, page).toBeTruthy();
      const again = await rawGet(`${base}${page}`, {
        'accept-encoding': 'gzip',
        'if-none-match': etag ?? '',
      });
      expect(again.status, page).toBe(304);
      expect(again.body.length).toBe(0);
    }
  });

  it('refuses traversal probes, also for the compressed siblings, and never leaks the file', async () => {
    temp = makeTempDir();
    const { dist } = clientDir(temp.dir);
    fs.writeFileSync(path.join(temp.dir, 'secret.txt'), 'top secret');
    fs.writeFileSync(path.join(temp.dir, 'secret.txt.br'), zlib.brotliCompressSync('top secret'));
    fs.writeFileSync(path.join(temp.dir, 'secret.txt.gz'), zlib.gzipSync('top secret'));
    server = await startTestServer({ clientDist: dist });
    const base = server.server.url;
    const probes = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/assets/app-abc123.js%00.txt',
      '/.%2e/secret.txt',
      '//../secret.txt',
      '/assets/../../secret.txt',
      '/tldraw-assets/..%2f..%2f..%2fpackage.json',
      '/tldraw-assets/%2e%2e/%2e%2e/%2e%2e/package.json',
    ];
    for (const probe of probes) {
      for (const encoding of ['identity', 'br', 'gzip']) {
        const answer = await rawLine(base, probe, `Accept-Encoding: ${encoding}\r\n`);
        const status = Number(/^HTTP\/1.1 (\d+)/.exec(answer)?.[1]);
        expect(status, `${probe} ${encoding}`).toBeGreaterThanOrEqual(400);
        expect(answer, probe).not.toContain('top secret');
        expect(answer, probe).not.toContain('"name": "papan-rembuk"');
        // A compressed secret would not read as text: no encoded body may come back at all.
        expect(answer, probe).not.toMatch(/content-encoding/i);
      }
    }
  });
});

describe('headers and compression of the application', () => {
  let t: TestPapan;

  afterEach(async () => {
    await t.close();
  });

  it('puts nosniff, no framing and a self-only CSP on every kind of answer', async () => {
    t = await startTestPapan();
    const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const answers: Record<string, RawAnswer> = {
      'app page': await rawGet(`${t.url}/b/demo-juai`),
      'tldraw asset': await rawGet(`${t.url}/tldraw-assets/fonts/IBMPlexMono-Bold.woff2`),
      'config.js': await rawGet(`${t.url}/config.js`),
      'API JSON': await rawGet(`${t.url}/api/events/demo`, auth),
      'API error': await rawGet(`${t.url}/api/events/demo`),
      'unknown API path': await rawGet(`${t.url}/api/nothing-here`),
      'missing file': await rawGet(`${t.url}/assets/missing.js`),
      'QR code': await rawGet(`${t.url}/api/boards/demo-juai/qr.svg`, auth),
      'QR sheet': await rawGet(`${t.url}/api/events/demo/qr-sheet`, auth),
      report: await rawGet(`${t.url}/api/events/demo/issue-map.html`, auth),
      health: await rawGet(`${t.url}/healthz`),
    };
    for (const [kind, answer] of Object.entries(answers)) {
      expect(answer.headers['x-content-type-options'], kind).toBe('nosniff');
      expect(answer.headers['x-frame-options'], kind).toBe('DENY');
      const csp = String(answer.headers['content-security-policy']);
      expect(csp, kind).toContain("frame-ancestors 'none'");
      expect(csp, kind).not.toContain('upgrade-insecure-requests');
      expect(csp, kind).not.toMatch(/https?:|\*/);
      expect(answer.headers['strict-transport-security'], kind).toBeUndefined();
    }
    expect(answers['app page']?.headers['content-security-policy']).toMatch(
      /default-src 'self'.*script-src 'self'/,
    );
    // The printable pages keep the stricter policy: no script, no fetch at all.
    for (const kind of ['QR sheet', 'report']) {
      expect(answers[kind]?.headers['content-security-policy'], kind).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
      );
    }

    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.get(`${t.url}/api/events/demo/stream?token=${TEST_ADMIN_TOKEN}`);
      request.on('response', resolve).on('error', reject);
    });
    expect(stream.headers['content-type']).toMatch(/text\/event-stream/);
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
    expect(stream.headers['content-encoding']).toBeUndefined();
    stream.destroy();
  });

  it('compresses the live counts and the exports, and the bytes decompress to the plain answer', async () => {
    t = await startTestPapan();
    const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const plainLive = await rawGet(`${t.url}/api/events/demo/live`, {
      ...auth,
      'accept-encoding': 'identity',
    });
    expect(plainLive.headers['content-encoding']).toBeUndefined();
    for (const encoding of ['br', 'gzip']) {
      const live = await rawGet(`${t.url}/api/events/demo/live`, {
        ...auth,
        'accept-encoding': encoding,
      });
      expect(live.headers['content-encoding']).toBe(encoding);
      expect(live.headers.vary).toMatch(/accept-encoding/i);
      expect(live.headers['cache-control']).toBe('no-store');
      // The clock readings differ from answer to answer; the rest is the same.
      const without = (body: Buffer) => ({
        ...(JSON.parse(body.toString()) as object),
        now: 0,
        controlReadAt: 0,
      });
      expect(without(decode(live))).toEqual(without(plainLive.body));
    }
    for (const format of ['json', 'csv', 'html']) {
      const url = `${t.url}/api/events/demo/issue-map.${format}`;
      const plain = await rawGet(url, { ...auth, 'accept-encoding': 'identity' });
      const packed = await rawGet(url, { ...auth, 'accept-encoding': 'br, gzip' });
      expect(packed.headers['content-encoding'], format).toBe('br');
      expect(packed.body.length, format).toBeLessThan(plain.body.length);
      const stamp = /"generatedAt":\s*"[^"]*"|\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?/g;
      expect(decode(packed).toString().replace(stamp, ''), format).toBe(
        plain.body.toString().replace(stamp, ''),
      );
    }
  });

  it('keeps the API error shapes: 404 for unknown paths, 400 for a wrong method, 413 for a big body, 401 before a bad body', async () => {
    t = await startTestPapan();
    const unknown = await t.api('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'not-found', message: 'No such API path' },
    });
    const wrongMethod = await t.api('/api/join', { method: 'GET' });
    expect(wrongMethod.status).toBe(400);
    expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).toBe(
      'bad-request',
    );
    const options = await t.api('/api/events/demo', { method: 'OPTIONS' });
    expect(options.status).toBe(400);
    const big = await t.api('/api/join', {
      body: { code: 'X', name: 'y'.repeat(70 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe(
      'payload-too-large',
    );
    // Without a token the answer is 401 whatever the body: nobody learns the body's rules.
    const anonymous = await t.api('/api/boards/demo-juai/control', { body: '{not json' });
    expect(anonymous.status).toBe(401);
    const staff = await t.api('/api/boards/demo-juai/control', {
      token: TEST_ADMIN_TOKEN,
      body: '{not json',
    });
    expect(staff.status).toBe(400);
    expect(await staff.json()).toEqual({
      error: { code: 'bad-request', message: 'Body is not valid JSON' },
    });
  });
});

describe('build, then listen', () => {
  it('builds the whole server with its routes before anything listens', async () => {
    const { config, logger, removeTemp } = testConfig({ env: {} });
    const built = await buildServer({ config, logger });
    try {
      expect(built.app.server.listening).toBe(false);
      const health = await built.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      const running = await built.listen();
      expect(built.app.server.listening).toBe(true);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      await built.discard();
      removeTemp();
    }
  });
});
