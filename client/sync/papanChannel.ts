import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { encodePapanMessage, MESSAGE_PAPAN } from '../../shared/protocol';
import { parseServerMessage, type ServerMessage } from './parseServerMessage';

/**
 * Listens for MESSAGE_PAPAN on a stock WebsocketProvider (its `messageHandlers` table) and
 * says hello on every connect, so the server sends control state and saved state vectors.
 * Returns a function that stops listening.
 */
export function attachPapanChannel(
  provider: WebsocketProvider,
  onMessage: (message: ServerMessage) => void,
): () => void {
  provider.messageHandlers[MESSAGE_PAPAN] = (_encoder, decoder) => {
    let json: string;
    try {
      json = decoding.readVarString(decoder);
    } catch {
      return;
    }
    const message = parseServerMessage(json);
    if (message !== null) onMessage(message);
  };
  const sayHello = ({ status }: { status: string }) => {
    if (status !== 'connected') return;
    const ws = provider.ws;
    if (ws !== null && ws.readyState === 1) ws.send(encodePapanMessage({ type: 'hello' }));
  };
  provider.on('status', sayHello);
  if (provider.wsconnected) sayHello({ status: 'connected' });
  return () => {
    provider.off('status', sayHello);
    delete provider.messageHandlers[MESSAGE_PAPAN];
  };
}
