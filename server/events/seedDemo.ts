import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { z } from 'zod';
import { boardMaps } from '../../shared/board/boardDoc';
import { addCard, createCluster, initBoard, vote } from '../../shared/board/boardModel';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import type { DocStore } from '../store/DocStore';
import type { EventRepository } from './EventRepository';
import { loadDefaultGazetteer } from './defaultGazetteer';

const SAMPLE_URL = new URL('../../shared/data/sample-cards.json', import.meta.url);

const SampleSchema = z.object({
  themes: z.array(z.object({ id: z.string(), title: z.string(), bidang: z.string() })),
  cards: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      desa_kode: z.string(),
      bidang: z.string(),
      theme: z.string(),
    }),
  ),
});

export const DEMO_EVENT_ID = 'demo';

/** Kecamatan whose demo board is already clustered and voted, to show the later phases. */
const CLUSTERED_DEMO_KECAMATAN = '63.11.06';

const CARD_W = 240;
const CARD_H = 150;
const GAP = 30;

/**
 * Creates the demo event (Kabupaten Balangan, 8 kecamatan boards) with the sample cards placed
 * on the boards of their kecamatan. Returns false when events already exist (nothing is done).
 * Instances starting together on one PostgreSQL seed once: the check and the seed run under
 * the repository's exclusive lock, so the others wait and then find the event.
 */
export function seedDemo(events: EventRepository, store: DocStore): Promise<boolean> {
  return events.runExclusively(() => seedDemoNow(events, store));
}

async function seedDemoNow(events: EventRepository, store: DocStore): Promise<boolean> {
  if ((await events.countEvents()) > 0) return false;
  const sample = SampleSchema.parse(JSON.parse(readFileSync(SAMPLE_URL, 'utf8')));
  const year = new Date().getFullYear();
  const { boards } = await events.createEvent({
    id: DEMO_EVENT_ID,
    title: `Rembuk Remas Kabupaten Balangan ${year} (demo)`,
    year,
    gazetteer: loadDefaultGazetteer(),
    taxonomy: DEFAULT_TAXONOMY,
  });
  const themeTitle = new Map(sample.themes.map((t) => [t.id, t.title]));
  for (const board of boards) {
    const kode = board.kecamatanKode;
    if (kode === null) continue;
    const cards = sample.cards.filter((c) => c.desa_kode.startsWith(`${kode}.`));
    const doc = new Y.Doc();
    initBoard(doc, { kind: 'kecamatan', title: board.title, kecamatanKode: kode });
    const clustered = kode === CLUSTERED_DEMO_KECAMATAN;
    const clusterOf = new Map<string, string>();
    if (clustered) {
      const themes = [...new Set(cards.map((c) => c.theme))];
      themes.forEach((theme, i) => {
        const members = cards.filter((c) => c.theme === theme).length;
        const rows = Math.ceil(members / 2);
        clusterOf.set(
          theme,
          createCluster(doc, {
            title: themeTitle.get(theme) ?? theme,
            x: (i % 3) * (2 * (CARD_W + GAP) + 3 * GAP),
            y: Math.floor(i / 3) * 900,
            w: 2 * (CARD_W + GAP) + GAP,
            h: Math.max(2, rows) * (CARD_H + GAP) + 80,
          }),
        );
      });
    }
    const placed = new Map<string, number>();
    cards.forEach((card, i) => {
      const clusterId = clustered ? (clusterOf.get(card.theme) ?? null) : null;
      let x = (i % 6) * (CARD_W + GAP);
      let y = 1200 + Math.floor(i / 6) * (CARD_H + GAP);
      if (clusterId !== null) {
        const k = boardMaps(doc).clusters.get(clusterId) as Y.Map<number>;
        const n = placed.get(clusterId) ?? 0;
        placed.set(clusterId, n + 1);
        x = (k.get('x') ?? 0) + GAP + (n % 2) * (CARD_W + GAP);
        y = (k.get('y') ?? 0) + 70 + Math.floor(n / 2) * (CARD_H + GAP);
      } else if (!clustered) {
        y = Math.floor(i / 6) * (CARD_H + GAP);
      }
      addCard(doc, {
        id: `demo-${card.id}`,
        text: card.text,
        desaKode: card.desa_kode,
        bidang: card.bidang,
        x,
        y,
        clusterId,
        author: { id: 'demo', name: 'Peserta demo' },
        createdAt: Date.now(),
      });
    });
    if (clustered) {
      let voter = 0;
      for (const clusterId of clusterOf.values()) {
        for (let v = 0; v <= voter % 4; v++)
          vote(doc, clusterId, `demo-voter-${v}`, { budget: 10 });
        voter++;
      }
    }
    await store.append(board.id, Y.encodeStateAsUpdate(doc), { kind: 'server', actor: 'demo' });
  }
  return true;
}
