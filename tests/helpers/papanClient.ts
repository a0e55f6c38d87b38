import * as decoding from 'lib0/decoding';
import { MESSAGE_PAPAN, type PapanServerMessage } from '../../shared/protocol';
import { encodePapanMessage } from '../../shared/protocol';
import type { TestClient } from './yClient';

/**
 * Makes a stock test client speak our type-100 messages: it records every one it receives and
 * can send `hello`. Returns the list the messages are collected in.
 */
export function listenForPapan(client: TestClient): PapanServerMessage[] {
  const received: PapanServerMessage[] = [];
  client.provider.messageHandlers[MESSAGE_PAPAN] = (_encoder, decoder) => {
    received.push(JSON.parse(decoding.readVarString(decoder)) as PapanServerMessage);
  };
  return received;
}

/** Sends our `hello` on the client's open socket. */
export function sayHello(client: TestClient): void {
  const ws = client.provider.ws;
  if (!ws) throw new Error('client is not connected');
  ws.send(encodePapanMessage({ type: 'hello' }));
}
