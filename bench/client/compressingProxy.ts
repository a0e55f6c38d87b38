import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';

/** What a browser would get compressed: text, scripts, JSON, SVG (fonts and PNGs are already). */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json)|image\/svg\+xml)/;

export interface CompressingProxy {
  url: string;
  /** Fetches these paths once, so no measured visit waits for their first compression. */
  warm(paths: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A reverse proxy on 127.0.0.1:0 in front of our server that sends every compressible answer of
 * at least 1 kB brotli-encoded (quality 11, as the build's `.br` copies are; cached by content),
 * with `Content-Encoding: br` and `Vary: Accept-Encoding`, and passes websockets through. It
 * stands in for the compressed serving the server is getting, so the benchmark measures the
 * bytes and times of that; it is used only when the server itself does not compress.
 */
export async function startCompressingProxy(upstream: string): Promise<CompressingProxy> {
  const target = new URL(upstream);
  const cache = new Map<string, Buffer>();
  const brotli = (body: Buffer): Buffer => {
    const key = createHash('sha1').update(body).digest('hex');
    let out = cache.get(key);
    if (!out) {
      out = zlib.brotliCompressSync(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      });
      cache.set(key, out);
    }
    return out;
  };

  const server = http.createServer((req, res) => {
    const upstreamReq = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (up) => {
        const type = String(up.headers['content-type'] ?? '');
        const wantsBr = /\bbr\b/.test(String(req.headers['accept-encoding'] ?? ''));
        if (!wantsBr || up.headers['content-encoding'] || !COMPRESSIBLE.test(type)) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        up.on('data', (chunk: Buffer) => chunks.push(chunk));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          const headers = { ...up.headers };
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          if (body.length >= 1024) {
            const br = brotli(body);
            res.writeHead(up.statusCode ?? 200, {
              ...headers,
              'content-encoding': 'br',
              vary: 'Accept-Encoding',
              'content-length': br.length,
            });
            res.end(br);
          } else {
            res.writeHead(up.statusCode ?? 200, { ...headers, 'content-length': body.length });
            res.end(body);
          }
        });
      },
    );
    upstreamReq.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstreamReq);
  });

  // Websockets (/sync) go through untouched.
  server.on('upgrade', (req, socket, head) => {
    const up = net.connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) up.write(head);
      socket.pipe(up).pipe(socket);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    async warm(paths) {
      for (const p of paths) {
        const response = await fetch(`${url}${p}`, { headers: { 'Accept-Encoding': 'br' } });
        await response.arrayBuffer();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
