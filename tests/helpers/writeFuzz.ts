import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { parseVoteKey } from '../../shared/board/boardDoc';
import { readBoard } from '../../shared/board/readBoard';
import { manyEntries, nestMaps } from './hostileDocs';
import {
  issueMapJson,
  joinAsParticipant,
  openHostileSocket,
  settle,
  splitUpdate,
} from './hostileParticipant';
import type { RawSocket } from './rawSocket';
import { TEST_ADMIN_TOKEN, type TestPapan } from './testPapan';

/** A small seeded generator (mulberry32), so a failing round can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzReport {
  rounds: number;
  sent: number;
  closes: Map<number, number>;
  /** Largest database + WAL size seen, bytes. */
  diskBytes: number;
}

type Participant = {
  token: string;
  voterId: string;
  socket: (RawSocket & { sendUpdate(u: Uint8Array): void }) | null;
};

const BOARD = 'demo-juai';
const OTHER = 'demo-halong';
const BUDGET = 3;
/** A board's data, its WAL included, stays under this however hostile the writes. */
export const FUZZ_DISK_BOUND = 96 * 1024 * 1024;

/**
 * Random and mutated Yjs updates from several participants against a running server, with the
 * checks the issue asks for after each round: the server alive, another board served, exports
 * 200, votes within budget, meta intact, disk within bounds. Throws on the first failed check.
 */
export async function runWriteFuzz(
  t: TestPapan,
  options: { seed: number; budgetMs: number; participants?: number },
): Promise<FuzzReport> {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  await t.api(`/api/boards/${BOARD}/control`, {
    token: TEST_ADMIN_TOKEN,
    body: { phase: 'pilih', voteBudget: BUDGET, timerSeconds: null },
  });
  const room = await t.papan.registry.use(BOARD, (r) => r);
  const meta = room.doc.getMap('meta').toJSON();
  const voterBaseline = new Set(readBoard(room.doc).board.votes.map((v) => v.voterId));
  const people: Participant[] = [];
  for (let i = 0; i < (options.participants ?? 3); i++) {
    const { token } = await joinAsParticipant(t, BOARD, `Peserta ${i}`);
    const me = (await (await t.api('/api/me', { token })).json()) as { voterId: string };
    people.push({ token, voterId: me.voterId, socket: null });
  }
  const report: FuzzReport = { rounds: 0, sent: 0, closes: new Map(), diskBytes: 0 };
  const deadline = Date.now() + options.budgetMs;
  const live = () => t.papan.registry.get(BOARD) ?? room;

  while (Date.now() < deadline) {
    report.rounds++;
    for (let step = 0; step < 4; step++) {
      const person = pick(people);
      if (!person.socket || person.socket.ws.readyState !== person.socket.ws.OPEN) {
        person.socket = await openHostileSocket(t, BOARD, person.token);
        const socket = person.socket;
        void socket.closed.then(({ code }) =>
          report.closes.set(code, (report.closes.get(code) ?? 0) + 1),
        );
      }
      for (const update of makeUpdates(live().doc, person, people, random, pick)) {
        person.socket.sendUpdate(update);
        report.sent++;
      }
    }
    await settle(t, BOARD);
    await checkRound(t, live().doc, { meta, voterBaseline, people, report });
  }
  for (const person of people) person.socket?.ws.close();
  return report;
}

function makeUpdates(
  server: Y.Doc,
  person: Participant,
  people: readonly Participant[],
  random: () => number,
  pick: <T>(list: readonly T[]) => T,
): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 1 + Math.floor(random() * 2 ** 30);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(doc);
  const cards = [...doc.getMap('cards').keys()];
  const card = () => doc.getMap('cards').get(pick(cards)) as Y.Map<unknown> | undefined;
  const votes = doc.getMap('votes');
  const kind = pick([
    'move',
    'vote',
    'foreign-vote',
    'meta',
    'merge-record',
    'unknown-name',
    'field-type',
    'deep',
    'many',
    'pending-votes',
    'mutated',
    'truncated',
  ] as const);
  switch (kind) {
    case 'move':
      card()?.set('x', Math.floor(random() * 2000));
      break;
    case 'vote':
      votes.set(`${pick(cards)}/${person.voterId}`, 1 + Math.floor(random() * 5));
      break;
    case 'foreign-vote':
      votes.set(`${pick(cards)}/${pick([...people.map((p) => p.voterId), 'v-palsu'])}`, 99);
      break;
    case 'meta':
      doc.getMap('meta').set(pick(['title', 'kind', 'kecamatanKode']), 'PALSU');
      break;
    case 'merge-record':
      doc.getMap('mergeRecord').set('sources', ['x']);
      break;
    case 'unknown-name':
      doc.getMap(`zzz${Math.floor(random() * 5)}`).set('k', 1);
      break;
    case 'field-type':
      card()?.set(pick(['text', 'x', 'author', 'clusterId']), pick([42, 'kiri', null, [1, 2]]));
      break;
    case 'deep':
      nestMaps(doc, doc.getMap('canvas'), `shape:deep${Math.floor(random() * 9)}`, 60);
      break;
    case 'many':
      doc.destroy();
      return [manyEntries(pick([70_000, 120_000]), pick(['canvas', 'zzz']), doc.clientID)];
    case 'pending-votes': {
      doc.destroy();
      const target = pick(cards);
      const { first, second } = splitUpdate(
        1 + Math.floor(random() * 2 ** 30),
        (d) => d.getMap('canvas').set('shape:gap', { id: 'shape:gap' }),
        (d) => {
          for (let i = 0; i < 5; i++) d.getMap('votes').set(`${target}/v-forged${i}`, 99);
          d.getMap('votes').set(`${target}/${person.voterId}`, 99);
          d.getMap('meta').set('title', 'PALSU');
        },
      );
      return [second, first];
    }
    case 'mutated':
    case 'truncated': {
      card()?.set('text', `teks ${Math.floor(random() * 1000)}`);
      const update = Y.encodeStateAsUpdate(doc, before);
      doc.destroy();
      if (kind === 'truncated') return [update.subarray(0, Math.floor(random() * update.length))];
      const copy = update.slice();
      for (let i = 0; i < 3; i++)
        copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      return [copy];
    }
  }
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return [update];
}

async function checkRound(
  t: TestPapan,
  doc: Y.Doc,
  state: {
    meta: Record<string, unknown>;
    voterBaseline: ReadonlySet<string>;
    people: readonly Participant[];
    report: FuzzReport;
  },
): Promise<void> {
  const fail = (what: string) => {
    throw new Error(`fuzz round ${state.report.rounds}: ${what}`);
  };
  if ((await t.api('/healthz')).status !== 200) fail('healthz is not 200');
  const other = await t.papan.registry.use(OTHER, (r) => readBoard(r.doc).board.cards.length);
  if (other === 0) fail(`${OTHER} is not served`);
  const map = await issueMapJson(t);
  if (!map.boards.some((b) => b.boardId === BOARD)) fail('the export lost the board');
  const metaNow = doc.getMap('meta').toJSON();
  if (JSON.stringify(metaNow) !== JSON.stringify(state.meta)) fail('meta changed');
  const allowed = new Set([...state.voterBaseline, ...state.people.map((p) => p.voterId)]);
  const totals = new Map<string, number>();
  doc.getMap('votes').forEach((value, key) => {
    const voter = parseVoteKey(key)?.voterId ?? key;
    if (!allowed.has(voter)) fail(`a dot under a voter id nobody holds: ${key}`);
    if (typeof value === 'number') totals.set(voter, (totals.get(voter) ?? 0) + value);
  });
  for (const person of state.people) {
    if ((totals.get(person.voterId) ?? 0) > BUDGET) fail(`a voter holds more than ${BUDGET} dots`);
  }
  const dir = t.papan.config.dataDir;
  let bytes = 0;
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.db') || name.endsWith('-wal'))
      bytes += fs.statSync(path.join(dir, name)).size;
  }
  state.report.diskBytes = Math.max(state.report.diskBytes, bytes);
  if (bytes > FUZZ_DISK_BOUND) fail(`database and WAL hold ${bytes} bytes`);
}
