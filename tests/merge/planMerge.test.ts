import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board/readBoard';
import { joinIssues, renameIssue, splitIssue } from '../../shared/merge/planEdits';
import { planMerge } from '../../shared/merge/planMerge';
import { randomSource, sourceOf } from './mergeFixtures';

function sources(seed: number) {
  return [0, 1, 2].map((i) => randomSource(seed, i));
}

describe('planMerge', () => {
  it('groups clusters with the same or similar titles across kecamatan', () => {
    const live = sources(4);
    const plan = planMerge(live.map(sourceOf));
    const titleOf = new Map(
      live.flatMap((s) =>
        readBoard(s.doc).board.clusters.map((k) => [`${s.boardId}/${k.id}`, k.title] as const),
      ),
    );
    for (const issue of plan.issues) {
      const titles = new Set(issue.members.map((m) => titleOf.get(`${m.boardId}/${m.clusterId}`)));
      expect(titles.size).toBe(1);
    }
    const distinct = new Set(titleOf.values());
    expect(plan.issues.filter((i) => i.members.length > 0).length).toBe(distinct.size);
  });

  it('places every source cluster in exactly one issue', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const src = sources(seed).map(sourceOf);
      const plan = planMerge(src);
      const keys = plan.issues.flatMap((i) => i.members.map((m) => `${m.boardId}/${m.clusterId}`));
      const all = src.flatMap((s) => s.board.clusters.map((k) => `${s.boardId}/${k.id}`));
      expect(keys.sort()).toEqual(all.sort());
    }
  });

  it('changes nothing on the source boards or anywhere else until applied', () => {
    const live = sources(6);
    const before = live.map((s) => Y.encodeStateAsUpdate(s.doc));
    const plan = planMerge(live.map(sourceOf));
    renameIssue(plan, plan.issues[0]!.id, 'x');
    live.forEach((s, i) => expect(Y.encodeStateAsUpdate(s.doc)).toEqual(before[i]));
  });
});

describe('plan edits', () => {
  const plan = planMerge(sources(4).map(sourceOf));

  it('renames an issue without touching the original plan', () => {
    const id = plan.issues[0]!.id;
    const renamed = renameIssue(plan, id, 'Isu baru');
    expect(renamed.issues[0]!.title).toBe('Isu baru');
    expect(plan.issues[0]!.title).not.toBe('Isu baru');
    expect(() => renameIssue(plan, 'nope', 'x')).toThrow();
  });

  it('splits members off into a new issue and joins issues back', () => {
    const big = plan.issues.find((i) => i.members.length >= 2)!;
    const split = splitIssue(plan, big.id, { members: [big.members[0]!] }, 'Bagian');
    expect(split.issues.length).toBe(plan.issues.length + 1);
    const part = split.issues.find((i) => i.title === 'Bagian')!;
    expect(part.members).toEqual([big.members[0]]);
    const joined = joinIssues(split, [big.id, part.id]);
    expect(joined.issues.length).toBe(plan.issues.length);
    expect(joined.issues.find((i) => i.id === big.id)!.members.length).toBe(big.members.length);
  });

  it('gives a split-off part a title of its own, never the title of the issue it left', () => {
    // Regression: "Pisahkan" gave both halves the same title.
    const big =
      plan.issues.find((i) => i.members.length >= 3) ??
      plan.issues.find((i) => i.members.length >= 2)!;
    const once = splitIssue(plan, big.id, { members: [big.members[0]!] });
    const titles = once.issues.map((i) => i.title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
    expect(once.issues.find((i) => i.id !== big.id && i.members[0] === big.members[0])?.title).toBe(
      `${big.title} (2)`,
    );
    const rest = once.issues.find((i) => i.id === big.id)!;
    if (rest.members.length >= 2) {
      const twice = splitIssue(
        once,
        big.id,
        { members: [rest.members[0]!] },
        big.title.toUpperCase(),
      );
      const all = twice.issues.map((i) => i.title.toLowerCase());
      expect(new Set(all).size).toBe(all.length);
      expect(all).toContain(`${big.title} (3)`.toLowerCase());
    }
  });

  it('refuses a split that is empty, whole or foreign', () => {
    const big = plan.issues.find((i) => i.members.length >= 2)!;
    expect(() => splitIssue(plan, big.id, { members: [] })).toThrow();
    expect(() =>
      splitIssue(plan, big.id, { members: big.members, unclusteredCards: big.unclusteredCards }),
    ).toThrow();
    expect(() =>
      splitIssue(plan, big.id, { members: [{ boardId: 'x', clusterId: 'y' }] }),
    ).toThrow();
  });
});
