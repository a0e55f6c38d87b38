import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readBoard } from '../../shared/board/readBoard';
import { toIssueMap } from '../../shared/issueMap/toIssueMap';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { balanganGazetteer } from './balangan';
import { FIXTURE_GENERATED_AT, fixtureInput } from './fixtureEvent';
import { buildRandomEvent } from './randomEvent';

const schemaPath = fileURLToPath(new URL('../../docs/issue-map.schema.json', import.meta.url));
const schema = z.fromJSONSchema(JSON.parse(readFileSync(schemaPath, 'utf8')));

/** The map as a JSON reader sees it (what the schema documents). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('docs/issue-map.schema.json', () => {
  it('accepts the fixture issue map', () => {
    const result = schema.safeParse(asJson(toIssueMap(fixtureInput())));
    expect(result.error?.issues).toBeUndefined();
  });

  it('accepts issue maps of random events with a merged board', () => {
    const gazetteer = balanganGazetteer();
    const boards = buildRandomEvent(gazetteer, {
      seed: 7,
      boards: 3,
      cardsPerBoard: 40,
      clustersPerBoard: 5,
      voters: 10,
      merged: true,
    });
    const map = toIssueMap({
      event: { id: 'acak', title: 'Acak', year: 2025, kabupaten: 'Kabupaten Balangan' },
      boards: boards.map((b) => ({ boardId: b.boardId, board: readBoard(b.doc).board })),
      gazetteer,
      taxonomy: DEFAULT_TAXONOMY,
      generatedAt: FIXTURE_GENERATED_AT,
    });
    const result = schema.safeParse(asJson(map));
    expect(result.error?.issues).toBeUndefined();
  });

  it('rejects a wrong version, extra fields at any depth, a bad kind, a negative count or a broken problem', () => {
    const map = asJson(toIssueMap(fixtureInput())) as Record<string, unknown>;
    expect(schema.safeParse({ ...map, version: 2 }).success).toBe(false);
    expect(schema.safeParse({ ...map, extra: true }).success).toBe(false);
    const summary = map.summary as Record<string, unknown>;
    expect(schema.safeParse({ ...map, summary: { ...summary, cards: -1 } }).success).toBe(false);
    const boards = map.boards as Record<string, unknown>[];
    const broken = boards.map((b) => ({ ...b, unclustered: [{ cardId: 'x' }] }));
    expect(schema.safeParse({ ...map, boards: broken }).success).toBe(false);
    const problem = (boards[0]?.unclustered as Record<string, unknown>[])[0];
    const withExtra = boards.map((b, i) =>
      i === 0 ? { ...b, unclustered: [{ ...problem, x: 1 }] } : b,
    );
    expect(schema.safeParse({ ...map, boards: withExtra }).success).toBe(false);
    expect(schema.safeParse({ ...map, boards: [{ ...boards[0], kind: 'desa' }] }).success).toBe(
      false,
    );
  });
});
