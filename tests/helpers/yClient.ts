import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from './waitFor';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events the provider saw, newest last. */
  closes: { code: number; reason: string }[];
  /** Resolves once the first sync with the server completed. */
  synced(): Promise<void>;
  destroy(): void;
}

/**
 * A stock y-websocket client in Node (ws as WebSocket, BroadcastChannel always disabled so
 * clients in one test process only talk through the server).
 */
export function connectClient(
  syncUrl: string,
  boardId: string,
  options: { params?: Record<string, string>; doc?: Y.Doc; connect?: boolean } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: options.params ?? {},
    connect: options.connect ?? true,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    synced: () => waitFor(() => provider.synced, { what: `sync of ${boardId}` }).then(() => {}),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
