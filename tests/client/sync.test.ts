import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addCard, moveCard } from '../../shared/board/boardModel';
import { parseBoardInfo } from '../../client/api/fetchBoardInfo';
import { parseRoute } from '../../client/app/route';
import { parseRuntimeConfig } from '../../client/config/runtimeConfig';
import { parseEventList } from '../../client/home/parseEventList';
import { loadLocale, messagesFor } from '../../client/i18n/locale';
import { en } from '../../client/i18n/en';
import { id } from '../../client/i18n/id';
import { parsePresenceState, throttleLatest } from '../../client/presence/presenceState';
import { parseServerMessage } from '../../client/sync/parseServerMessage';
import {
  decodeSavedStateVector,
  parseOwnClientIds,
  pendingChangeCount,
} from '../../client/sync/pendingChanges';
import { reconnectDelay, RECONNECT_MAX_MS } from '../../client/sync/reconnectDelay';

const author = { id: 'u1', name: 'Siti' };
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('unsaved changes', () => {
  test('counts our own writes the server has not stored, and none once it has', () => {
    const local = new Y.Doc();
    const server = new Y.Doc();
    const id = addCard(local, { text: 'a', desaKode: null, bidang: null, x: 0, y: 0, author });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    moveCard(local, id, 10, 20);
    const saved = decodeSavedStateVector(base64(Y.encodeStateVector(server)));
    const localSv = Y.decodeStateVector(Y.encodeStateVector(local));
    expect(pendingChangeCount(localSv, saved!, [local.clientID])).toBe(2);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    const savedAll = decodeSavedStateVector(base64(Y.encodeStateVector(server)));
    expect(pendingChangeCount(localSv, savedAll!, [local.clientID])).toBe(0);
  });

  test('other people’s writes never count as ours', () => {
    const local = new Y.Doc();
    const other = new Y.Doc();
    addCard(other, { text: 'b', desaKode: null, bidang: null, x: 0, y: 0, author });
    Y.applyUpdate(local, Y.encodeStateAsUpdate(other));
    const sv = Y.decodeStateVector(Y.encodeStateVector(local));
    expect(pendingChangeCount(sv, new Map(), [local.clientID])).toBe(0);
  });

  test('garbage from the server or storage reads as nothing', () => {
    expect(decodeSavedStateVector('!!!')).toBeNull();
    expect(decodeSavedStateVector(42)).toBeNull();
    expect(parseOwnClientIds('[1, -2, "x", 3.5, 4]')).toEqual([1, 4]);
    expect(parseOwnClientIds('{')).toEqual([]);
  });
});

describe('reconnect', () => {
  test('waits grow exponentially, are capped, and are jittered between half and all of the step', () => {
    expect(reconnectDelay(0, () => 0)).toBe(250);
    expect(reconnectDelay(0, () => 1)).toBe(500);
    expect(reconnectDelay(3, () => 0.5)).toBe(3000);
    expect(reconnectDelay(50, () => 1)).toBe(RECONNECT_MAX_MS);
    const delays = new Set(Array.from({ length: 20 }, () => reconnectDelay(2)));
    expect(delays.size).toBeGreaterThan(1);
  });
});

describe('server messages', () => {
  test('control and saved messages are parsed; anything else is ignored', () => {
    expect(
      parseServerMessage(
        JSON.stringify({
          type: 'control',
          control: {
            locked: true,
            phase: 'pilih',
            timerEndsAt: 5,
            voteBudget: 3,
            readOnly: false,
            voterId: 'v0123abcd',
          },
        }),
      ),
    ).toEqual({
      type: 'control',
      control: {
        locked: true,
        phase: 'pilih',
        timerEndsAt: 5,
        voteBudget: 3,
        readOnly: false,
        voterId: 'v0123abcd',
      },
    });
    // A voter id that is not a plain id is dropped: the tablet then does not vote at all.
    const hostile = parseServerMessage(
      JSON.stringify({
        type: 'control',
        control: { locked: false, phase: 'pilih', voteBudget: 3, voterId: 'v/../x' },
      }),
    );
    expect(hostile?.type === 'control' ? hostile.control.voterId : 'missing').toBeNull();
    expect(parseServerMessage('{"type":"saved","stateVector":"AA=="}')).toEqual({
      type: 'saved',
      stateVector: 'AA==',
    });
    expect(parseServerMessage('{"type":"control","control":{"phase":"hack"}}')).toBeNull();
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage('{"type":"__proto__"}')).toBeNull();
  });
});

describe('presence', () => {
  test('someone else’s awareness state is read defensively', () => {
    expect(
      parsePresenceState({ user: { id: 'u', name: 'A', color: 'red;x' }, cursor: { x: 1, y: 2 } }),
    ).toEqual({
      user: { id: 'u', name: 'A', color: '#6b7580' },
      cursor: { x: 1, y: 2 },
    });
    expect(
      parsePresenceState({ user: { id: 'u', name: 'A' }, cursor: { x: Infinity, y: 0 } })?.cursor,
    ).toBeNull();
    expect(parsePresenceState({ cursor: {} })).toBeNull();
    expect(parsePresenceState(null)).toBeNull();
  });

  test('cursor updates are throttled to one per interval, delivering the latest position', () => {
    let now = 0;
    const timers: (() => void)[] = [];
    const sent: number[] = [];
    const send = throttleLatest<number>(
      (v) => sent.push(v),
      100,
      () => now,
      (cb) => timers.push(cb),
    );
    send(1);
    send(2);
    send(3);
    expect(sent).toEqual([1]);
    now = 100;
    timers.shift()?.();
    expect(sent).toEqual([1, 3]);
  });
});

describe('pages, config and catalogues', () => {
  test('routes check board ids and never rewrite them', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/b/paringin-1')).toEqual({ page: 'board', boardId: 'paringin-1' });
    expect(parseRoute('/b/Paringin')).toEqual({ page: 'not-found' });
    expect(parseRoute('/b/%E0%A4%A')).toEqual({ page: 'not-found' });
  });

  test('board info from the API is parsed, with defaults for what is missing or bad', () => {
    const info = parseBoardInfo('b1', {
      title: 'Paringin',
      kind: 'merged',
      kecamatanKode: '63.11.01',
      desa: [
        { kode: '63.11.01.2001', nama: 'Babayau' },
        { kode: 'x', nama: 'Bad' },
      ],
      taxonomy: [{ id: 'ekonomi', nama: 'Ekonomi', color: 'chartreuse' }],
    });
    expect(info).toMatchObject({ title: 'Paringin', kind: 'merged', kecamatanKode: '63.11.01' });
    expect(info.desa).toEqual([{ kode: '63.11.01.2001', nama: 'Babayau' }]);
    expect(info.taxonomy).toEqual([{ id: 'ekonomi', nama: 'Ekonomi', color: 'grey' }]);
    expect(parseBoardInfo('b1', 'nonsense').taxonomy.length).toBe(3);
  });

  test('the license key comes only from a string in the injected config', () => {
    expect(parseRuntimeConfig({ tldrawLicenseKey: 'tldraw-abc' })).toEqual({
      tldrawLicenseKey: 'tldraw-abc',
    });
    expect(parseRuntimeConfig({ tldrawLicenseKey: 3 })).toEqual({ tldrawLicenseKey: undefined });
    expect(parseRuntimeConfig(undefined)).toEqual({ tldrawLicenseKey: undefined });
  });

  test('the event list is parsed defensively', () => {
    expect(
      parseEventList({
        events: [{ id: 'e1', title: 'Rembuk', boards: [{ id: 'BAD' }, { id: 'b-1' }] }],
      }),
    ).toEqual([{ id: 'e1', title: 'Rembuk', boards: [{ id: 'b-1', title: 'b-1' }] }]);
    expect(parseEventList([])).toBeNull();
  });

  test('Bahasa Indonesia is the default and both catalogues have the same keys', () => {
    expect(loadLocale({ getItem: () => null })).toBe('id');
    expect(loadLocale({ getItem: () => 'en' })).toBe('en');
    expect(messagesFor('id').addCard).toBe('+ Kartu');
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });
});
