import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../shared/board/readBoard';
import { toCsv } from '../../shared/export/toCsv';
import { applyMerge } from '../../shared/merge/applyMerge';
import { planMerge } from '../../shared/merge/planMerge';
import { toJson } from '../../shared/export/toJson';
import { ArchiveError, type ArchivedRestorePoint } from '../../server/backup/archiveFormat';
import { importEventArchive } from '../../server/backup/importEventArchive';
import { openEventData, type EventData } from '../../server/backup/openEventData';
import { readEventArchive } from '../../server/backup/readEventArchive';
import { writeEventArchive, type RestorePointArchive } from '../../server/backup/writeEventArchive';
import { makeTempDir } from '../helpers/tempDir';
import { startTestPapan, type TestPapan } from '../helpers/testPapan';
import { issueMapOf, MERGE_SOURCES, storedBoard, storedDoc, workTheDemo } from './archiveFixture';

let t: TestPapan;
let source: EventData;
let archive: Uint8Array;
const temps: (() => void)[] = [];

/** A fresh, empty data directory: "another machine". */
function anotherMachine(): EventData {
  const temp = makeTempDir('papan-restore-');
  temps.push(temp.remove);
  return openEventData(temp.dir, { mustExist: false });
}

beforeAll(async () => {
  t = await startTestPapan();
  await workTheDemo(t);
  // Read beside the running server through a second connection, as `npm run backup` does.
  source = openEventData(t.dataDir, { mustExist: true });
  archive = await writeEventArchive(source, 'demo');
}, 30_000);

afterAll(async () => {
  await source.close();
  await t.close();
  for (const remove of temps) remove();
});

describe('an event archive', () => {
  it('brings the worked demo event back exactly on another machine', async () => {
    const target = anotherMachine();
    try {
      const result = await importEventArchive(target, archive);
      expect(result.eventId).toBe('demo');
      const boards = await source.events.listBoards('demo');
      expect(boards.map((b) => b.id)).toContain('demo-kabupaten');
      // Board rows come back whole: kind, title, join code, lock, phase, timer, budget, times.
      expect(await target.events.listBoards('demo')).toEqual(boards);
      expect(await target.events.getEvent('demo')).toEqual(await source.events.getEvent('demo'));
      expect(result.boards.every((b) => b.joinCodeKept)).toBe(true);
      for (const board of boards) {
        expect(await storedBoard(target.store, board.id), board.id).toEqual(
          await storedBoard(source.store, board.id),
        );
      }
      expect((await storedBoard(target.store, 'demo-awayan')).cards.map((c) => c.id)).toContain(
        'kartu-ani',
      );
      const before = await issueMapOf(source, 'demo');
      const after = await issueMapOf(target, 'demo');
      expect(toJson(after)).toBe(toJson(before));
      expect(toCsv(after)).toBe(toCsv(before));
      // The audit log comes along, oldest first, plus one line saying it was imported.
      const strip = (entries: { id: number }[]) => entries.map(({ id: _id, ...rest }) => rest);
      const imported = await target.audit.listAll('demo');
      expect(strip(imported.slice(0, -1))).toEqual(strip(await source.audit.listAll('demo')));
      expect(imported.at(-1)?.action).toBe('event.import');
      expect(imported.map((e) => e.action)).toEqual(
        expect.arrayContaining(['board.merge', 'event.create']),
      );
    } finally {
      await target.close();
    }
  });

  it('imports an event whose id is taken as a new event, touching nothing of the old one', async () => {
    const target = anotherMachine();
    try {
      await importEventArchive(target, archive);
      const firstBoards = await target.events.listBoards('demo');
      const firstDocs = await Promise.all(firstBoards.map((b) => storedBoard(target.store, b.id)));
      const second = await importEventArchive(target, archive);
      expect(second).toMatchObject({ eventId: 'demo-2', archivedEventId: 'demo' });
      expect(await target.events.listBoards('demo')).toEqual(firstBoards);
      expect(await Promise.all(firstBoards.map((b) => storedBoard(target.store, b.id)))).toEqual(
        firstDocs,
      );
      const renamed = await target.events.listBoards('demo-2');
      expect(renamed.map((b) => b.id)).toEqual(
        firstBoards.map((b) => b.id.replace('demo-', 'demo-2-')),
      );
      // Join codes are unique across the server: the copy draws new ones.
      expect(second.boards.every((b) => !b.joinCodeKept)).toBe(true);
      const codes = [...firstBoards, ...renamed].map((b) => b.joinCode);
      expect(new Set(codes).size).toBe(codes.length);
      // Kecamatan boards read back the same; the merged board points at the new source ids.
      for (const board of firstBoards.filter((b) => b.kind === 'kecamatan')) {
        expect(await storedBoard(target.store, board.id.replace('demo-', 'demo-2-'))).toEqual(
          await storedBoard(source.store, board.id),
        );
      }
      const merged = await storedBoard(target.store, 'demo-2-kabupaten');
      const original = await storedBoard(source.store, 'demo-kabupaten');
      expect(merged.cards).toHaveLength(original.cards.length);
      expect(new Set(merged.cards.map((c) => c.source?.boardId))).toEqual(
        new Set(MERGE_SOURCES.map((id) => id.replace('demo-', 'demo-2-'))),
      );
      expect(merged.cards.map((c) => ({ ...c, source: null }))).toEqual(
        original.cards.map((c) => ({ ...c, source: null })),
      );
      expect((await target.audit.listAll('demo-2')).every((e) => e.eventId === 'demo-2')).toBe(
        true,
      );

      // A re-merge on the copy finds the cards the first merge made: nothing is added twice.
      const sources = await Promise.all(
        MERGE_SOURCES.map(async (id) => {
          const boardId = id.replace('demo-', 'demo-2-');
          return {
            boardId,
            kecamatanKode: (await target.events.getBoard(boardId))?.kecamatanKode ?? '',
            board: await storedBoard(target.store, boardId),
          };
        }),
      );
      const mergedDoc = await storedDoc(target.store, 'demo-2-kabupaten');
      const report = applyMerge(mergedDoc, planMerge(sources), sources, 'test');
      expect(report).toMatchObject({ added: 0, removed: 0 });
      expect(readBoard(mergedDoc).board.cards).toHaveLength(original.cards.length);
    } finally {
      await target.close();
    }
  });

  it('carries restore points through the slot when both servers keep them', async () => {
    const points = new Map<string, ArchivedRestorePoint[]>([
      [
        'demo-juai',
        [
          {
            id: 'p1',
            at: 1_764_480_000_000,
            by: 'Mod',
            label: 'Sebelum pilih',
            counts: { cards: 1, clusters: 0, votes: 0 },
            state: new Uint8Array([0, 0]),
          },
        ],
      ],
    ]);
    const kept: { boardId: string; point: ArchivedRestorePoint }[] = [];
    const port: RestorePointArchive = {
      list: async (boardId) => points.get(boardId) ?? [],
      add: async (boardId, point) => void kept.push({ boardId, point }),
    };
    const bytes = await writeEventArchive({ ...source, restorePoints: port }, 'demo');
    const target = anotherMachine();
    try {
      await importEventArchive(target, bytes);
      const again = await importEventArchive({ ...target, restorePoints: port }, bytes);
      expect(again.restorePoints).toEqual({ imported: 1, notKept: 0 });
      expect(kept).toEqual([{ boardId: 'demo-2-juai', point: points.get('demo-juai')?.[0] }]);
    } finally {
      await target.close();
    }
  });
});

describe("the server's archive service (what the archive routes call)", () => {
  it('exports and imports beside live rooms, writing who did it to the audit log', async () => {
    const staff = {
      tokenId: 't1',
      role: 'staff' as const,
      name: 'Staf Kabupaten',
      eventId: null,
      boardId: null,
    };
    const { archives } = t.papan.app;
    const exported = await archives.export('demo', staff, new Date('2026-11-30T03:05:00Z'));
    expect(exported.fileName).toBe('papan-demo-2026-11-30T0305Z.jsonl.gz');
    expect(readEventArchive(exported.bytes).event.id).toBe('demo');
    const archived = (await t.papan.app.audit.list('demo'))[0];
    expect(archived).toMatchObject({ action: 'event.archive', actor: 'Staf Kabupaten' });

    const result = await archives.import(exported.bytes, staff);
    expect(result.eventId).toBe('demo-2');
    expect((await t.papan.app.audit.list('demo-2'))[0]).toMatchObject({
      action: 'event.import',
      actor: 'Staf Kabupaten',
      detail: { archivedEventId: 'demo' },
    });
    // The copy is served like any board: a live read of it equals the original.
    const read = (id: string) => t.papan.app.rooms.withBoardDoc(id, (doc) => readBoard(doc).board);
    expect(await read('demo-2-awayan')).toEqual(await read('demo-awayan'));
    await expect(archives.export('tidak-ada', staff)).rejects.toThrow(ArchiveError);
  });
});

/** The archive's lines, unpacked. */
function linesOf(bytes: Uint8Array): string[] {
  return gunzipSync(bytes).toString('utf8').trimEnd().split('\n');
}

/** Packs lines again with a correct end record, as a careful forger would. */
function repack(lines: string[]): Uint8Array {
  const body = lines.slice(0, -1).map((l) => `${l}\n`);
  const sha256 = createHash('sha256').update(body.join('')).digest('hex');
  return gzipSync(
    `${body.join('')}${JSON.stringify({ kind: 'end', records: body.length, sha256 })}\n`,
  );
}

function editLine(lines: string[], kind: string, edit: (record: Record<string, unknown>) => void) {
  const index = lines.findIndex((l) => (JSON.parse(l) as { kind: string }).kind === kind);
  const record = JSON.parse(lines[index] ?? '{}') as Record<string, unknown>;
  edit(record);
  const next = [...lines];
  next[index] = JSON.stringify(record);
  return next;
}

describe('a bad archive', () => {
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['an empty file', () => new Uint8Array(), /empty/],
    [
      'a gzip file cut short',
      () => archive.slice(0, archive.byteLength - 200),
      /damaged or cut short/,
    ],
    [
      'an unpacked archive missing its last lines',
      () => Buffer.from(`${linesOf(archive).slice(0, 4).join('\n')}\n`),
      /cut short \(no end record\)/,
    ],
    [
      'an unpacked archive cut in the middle of a line',
      () => Buffer.from(linesOf(archive).join('\n').slice(0, 5000)),
      /last line is incomplete/,
    ],
    [
      'an edited event title (checksum)',
      () => {
        const lines = editLine(linesOf(archive), 'event', (r) => {
          (r.event as { title: string }).title = 'DIBAJAK';
        });
        return gzipSync(`${lines.join('\n')}\n`);
      },
      /checksum mismatch/,
    ],
    [
      'a board line dropped, with its restore points (the end record counts more)',
      () => {
        const all = linesOf(archive);
        const dropped = (JSON.parse(all[3] ?? '{}') as { board?: { id?: string } }).board?.id;
        const lines = all.filter(
          (l, i) =>
            i !== 3 &&
            !(l.includes('"restorePoint"') && l.includes(`"boardId":${JSON.stringify(dropped)}`)),
        );
        return gzipSync(`${lines.join('\n')}\n`);
      },
      /incomplete: (\d+) records where its end record says (?!\1)\d+/,
    ],
    [
      'a board document that is not a Yjs state',
      () =>
        repack(
          editLine(linesOf(archive), 'board', (r) => {
            r.state = Buffer.from('bukan dokumen papan, hanya teks').toString('base64');
          }),
        ),
      /board demo-juai\): the board document cannot be read/,
    ],
    [
      'a phase no board has',
      () =>
        repack(
          editLine(linesOf(archive), 'board', (r) => {
            (r.board as { control: { phase: string } }).control.phase = 'dibajak';
          }),
        ),
      /board\.control\.phase is not a board phase/,
    ],
    [
      'a board id with a path in it',
      () =>
        repack(
          editLine(linesOf(archive), 'board', (r) => {
            (r.board as { id: string }).id = '../../etc';
          }),
        ),
      /board\.id is not a board id/,
    ],
    [
      'a newer format version',
      () => repack(editLine(linesOf(archive), 'header', (r) => void (r.version = 99))),
      /version 99, newer than this server reads \(1\)/,
    ],
    ['a CSV file', () => Buffer.from('kode,nama\n63.11,Balangan\n'), /not JSON/],
    [
      'JSON that is not an archive',
      () => Buffer.from('{"kind":"header","format":"something-else","version":1}\n'),
      /not a Papan Rembuk event archive/,
    ],
  ];

  it.each(cases)(
    'is refused with a clear error and imports nothing: %s',
    async (_name, make, message) => {
      const target = anotherMachine();
      try {
        const bytes = make();
        expect(() => readEventArchive(bytes)).toThrow(ArchiveError);
        await expect(importEventArchive(target, bytes)).rejects.toThrow(message);
        expect(await target.events.listEvents()).toEqual([]);
        const count = (table: string) =>
          (target.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
        expect([
          count('boards'),
          count('doc_updates'),
          count('doc_snapshots'),
          count('audit'),
        ]).toEqual([0, 0, 0, 0]);
      } finally {
        await target.close();
      }
    },
  );

  it('the untouched archive passes the same checks (the cases above fail for their reason)', () => {
    expect(readEventArchive(archive).boards.map((b) => b.id)).toContain('demo-juai');
    expect(readEventArchive(repack(linesOf(archive))).boards).toHaveLength(
      readEventArchive(archive).boards.length,
    );
  });
});
