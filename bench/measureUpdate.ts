/**
 * Speed of the door's shape analyser (shared/board/measureUpdate.ts) on 1 MiB updates, beside
 * what applying the same update costs (Y.applyUpdate into a copy of the board), median of
 * several runs. Run: npx tsx bench/measureUpdate.ts
 */
import * as Y from 'yjs';
import { addCard, initBoard } from '../shared/board/boardModel';
import { measureUpdate } from '../shared/board/measureUpdate';
import { manyEntries, nestMaps } from '../tests/helpers/hostileDocs';

const RUNS = 7;
const MIB = 1024 * 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function timeIt(fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** A demo-sized board: 200 cards. */
function baseBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { kind: 'kecamatan', title: 'bench', kecamatanKode: '63.11.01' });
  for (let i = 0; i < 200; i++) {
    addCard(doc, {
      text: `kartu ${i}`,
      desaKode: null,
      bidang: null,
      x: i,
      y: i,
      author: { id: 'u', name: 'U' },
    });
  }
  return doc;
}

/** Cards added by a tablet until the update passes 1 MiB (what an offline tablet resends). */
function cardsUpdate(base: Y.Doc): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  let update: Uint8Array = new Uint8Array();
  for (let i = 0; update.byteLength < MIB; i += 500) {
    copy.transact(() => {
      for (let j = i; j < i + 500; j++) {
        addCard(copy, {
          text: `permasalahan nomor ${j}: jalan desa rusak dan berlubang saat hujan`,
          desaKode: '63.11.01.2001',
          bidang: null,
          x: j,
          y: j,
          author: { id: 'tablet-1', name: 'Siti' },
        });
      }
    });
    update = Y.encodeStateAsUpdate(copy, before);
  }
  return update;
}

/** A nest of maps as deep as fits in 1 MiB. */
function nestUpdate(base: Y.Doc): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  nestMaps(copy, copy.getMap('canvas'), 'shape:deep', Math.floor(MIB / 12));
  return Y.encodeStateAsUpdate(copy, before);
}

function applyCost(base: Uint8Array, update: Uint8Array): number {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const t0 = performance.now();
    try {
      Y.applyUpdate(doc, update);
    } catch {
      // The nest overflows Yjs on some machines: the time until then is still the cost.
    }
    if (i > 0) times.push(performance.now() - t0);
  }
  return median(times);
}

const base = baseBoard();
const baseState = Y.encodeStateAsUpdate(base);
const cases: [string, Uint8Array][] = [
  ['cards from a tablet', cardsUpdate(base)],
  ['small entries under an unused name', manyEntries(Math.floor(MIB / 12), 'zzz')],
  ['maps nested as deep as fits', nestUpdate(base)],
];
console.log('| update | bytes | structs | depth | measureUpdate (ms) | Y.applyUpdate (ms) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, update] of cases) {
  const shape = measureUpdate(base, update);
  const measured = timeIt(() => measureUpdate(base, update));
  const applied = applyCost(baseState, update);
  console.log(
    `| ${name} | ${update.byteLength} | ${shape.structs} | ${shape.depth} | ` +
      `${measured.toFixed(1)} | ${applied.toFixed(1)} |`,
  );
}
