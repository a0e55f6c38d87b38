import WebSocket from 'ws';

export interface RawSocket {
  ws: WebSocket;
  /** Binary messages received, in order. */
  messages: Uint8Array[];
  /** Resolves with the close code and reason (1006 when the connection dropped). */
  closed: Promise<{ code: number; reason: string }>;
  send(bytes: Uint8Array | string): void;
}

/** Opens a plain websocket to `url` (for sending hand-made or hostile frames); resolves when open. */
export async function openRawSocket(url: string): Promise<RawSocket> {
  const ws = new WebSocket(url);
  const messages: Uint8Array[] = [];
  ws.on('message', (data) => messages.push(new Uint8Array(data as Buffer)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    ws.once('error', reject);
  });
  return { ws, messages, closed, send: (bytes) => ws.send(bytes) };
}

/** The HTTP status a websocket upgrade to `url` is refused with, or 101 when it is accepted. */
export async function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('error', () => {});
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      ws.terminate();
    });
  });
}
