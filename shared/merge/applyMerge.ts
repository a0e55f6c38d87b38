import type * as Y from 'yjs';
import { boardMaps, voteKey } from '../board/boardDoc';
import {
  addCard,
  createCluster,
  deleteCard,
  initBoard,
  moveCard,
  renameCluster,
  resizeCluster,
  setCardCluster,
  updateCard,
} from '../board/boardModel';
import { newId } from '../board/ids';
import { readBoard } from '../board/readBoard';
import type { Card } from '../board/types';
import { MAX_VOTES_PER_TARGET } from '../limits';
import { cardSlot, frameSize, LAYOUT_CARD_HEIGHT, LAYOUT_GAP } from '../similarity/frameLayout';
import { mergedVoterId, sourceKey, stableId } from './mergeIds';
import { MergeLayout } from './mergeLayout';
import type { IssueProposal, MergePlan, SourceBoard } from './mergePlan';
import {
  readMergeRecord,
  writeMergeRecord,
  type CardRecord,
  type IssueRecord,
} from './mergeRecord';

/** What a merge did, for the moderator's confirmation message. */
export interface MergeReport {
  added: number;
  updated: number;
  removed: number;
  keptModeratorEdits: number;
  clustersCreated: number;
}

const CARD_FIELDS = ['text', 'desaKode', 'bidang'] as const;

function issueKeys(issue: IssueProposal): string[] {
  return issue.members
    .map((m) => sourceKey(m.boardId, m.clusterId))
    .concat(issue.unclusteredCards.map((c) => sourceKey(c.boardId, c.cardId)));
}

/** Pairs each proposal with the issue a previous merge wrote for (mostly) the same sources. */
function matchIssues(plan: MergePlan, previous: Map<string, IssueRecord>): Map<string, string> {
  const candidates: { issueId: string; prevId: string; overlap: number }[] = [];
  for (const issue of plan.issues) {
    const keys = new Set(issueKeys(issue));
    for (const [prevId, prev] of previous) {
      const overlap =
        prev.members.filter((k) => keys.has(k)).length + (prevId === issue.id ? 0.5 : 0);
      if (overlap > 0) candidates.push({ issueId: issue.id, prevId, overlap });
    }
  }
  candidates.sort((a, b) => b.overlap - a.overlap);
  const matched = new Map<string, string>();
  const taken = new Set<string>();
  for (const c of candidates) {
    if (matched.has(c.issueId) || taken.has(c.prevId)) continue;
    matched.set(c.issueId, c.prevId);
    taken.add(c.prevId);
  }
  return matched;
}

/**
 * Writes (or updates) a merged kabupaten board from a plan and its source boards, in ONE
 * transaction with `origin`. Every source card appears once, matched by its source
 * (boardId + cardId); votes carry over under voter ids namespaced by board. Re-merging keeps the
 * moderator's edits: see "Re-merge rules" in shared/merge/README.md.
 */
export function applyMerge(
  mergedDoc: Y.Doc,
  plan: MergePlan,
  sources: readonly SourceBoard[],
  origin: unknown,
  opts: { title?: string } = {},
): MergeReport {
  const report: MergeReport = {
    added: 0,
    updated: 0,
    removed: 0,
    keptModeratorEdits: 0,
    clustersCreated: 0,
  };
  const { board } = readBoard(mergedDoc);
  const record = readMergeRecord(mergedDoc);
  const maps = boardMaps(mergedDoc);
  const cardById = new Map(board.cards.map((c) => [c.id, c]));
  const bySource = new Map<string, Card>();
  for (const c of board.cards)
    if (c.source) bySource.set(sourceKey(c.source.boardId, c.source.cardId), c);

  // Which issue each source card belongs to, from the sources as they are now.
  const issueOfMember = new Map<string, string>();
  const issueOfLoose = new Map<string, string>();
  for (const issue of plan.issues) {
    for (const m of issue.members) issueOfMember.set(sourceKey(m.boardId, m.clusterId), issue.id);
    for (const c of issue.unclusteredCards)
      issueOfLoose.set(sourceKey(c.boardId, c.cardId), issue.id);
  }
  const issueOfCard = (boardId: string, card: Card): string | null =>
    (card.clusterId !== null ? issueOfMember.get(sourceKey(boardId, card.clusterId)) : undefined) ??
    issueOfLoose.get(sourceKey(boardId, card.id)) ??
    null;
  const incoming = new Map<string, number>();
  for (const s of sources) {
    for (const c of s.board.cards) {
      const issueId = issueOfCard(s.boardId, c);
      if (issueId !== null) incoming.set(issueId, (incoming.get(issueId) ?? 0) + 1);
    }
  }

  const bottom = Math.max(
    -3 * LAYOUT_GAP,
    ...board.clusters.map((k) => k.y + k.h),
    ...board.cards.map((c) => c.y + LAYOUT_CARD_HEIGHT),
  );
  const layout = new MergeLayout(
    board.clusters.length + board.cards.length === 0 ? 0 : bottom + 3 * LAYOUT_GAP,
  );
  const clusterCount = new Map<string, number>();
  for (const c of board.cards)
    if (c.clusterId) clusterCount.set(c.clusterId, (clusterCount.get(c.clusterId) ?? 0) + 1);
  const frames = new Map(board.clusters.map((k) => [k.id, { x: k.x, y: k.y }]));
  const placeIn = (cardId: string, clusterId: string | null): void => {
    const frame = clusterId === null ? undefined : frames.get(clusterId);
    const spot =
      frame && clusterId ? cardSlot(frame, clusterCount.get(clusterId) ?? 0) : layout.nextLoose();
    if (clusterId) clusterCount.set(clusterId, (clusterCount.get(clusterId) ?? 0) + 1);
    moveCard(mergedDoc, cardId, spot.x, spot.y, origin);
  };

  mergedDoc.transact(() => {
    if (board.meta.kind !== 'merged' || !maps.meta.has('schemaVersion')) {
      initBoard(
        mergedDoc,
        { kind: 'merged', title: opts.title ?? 'Isu strategis kabupaten', kecamatanKode: null },
        origin,
      );
    }
    // 1. One frame per kabupaten issue; a renamed or deleted frame stays as the moderator left it.
    const clusterOfIssue = new Map<string, string | null>();
    const matched = matchIssues(plan, record.issues);
    const nextIssues = new Map<string, IssueRecord>(record.issues);
    for (const issue of plan.issues) {
      const prevId = matched.get(issue.id);
      const prev = prevId === undefined ? undefined : record.issues.get(prevId);
      if (prevId !== undefined) nextIssues.delete(prevId);
      if (prev) {
        const current = board.clusters.find((k) => k.id === prev.clusterId);
        const next = { ...prev, members: issueKeys(issue) };
        if (current && current.title === prev.title && issue.title !== prev.title) {
          renameCluster(mergedDoc, current.id, issue.title, origin);
          next.title = issue.title;
        } else if (current && current.title !== prev.title) report.keptModeratorEdits++;
        clusterOfIssue.set(issue.id, current ? current.id : null);
        nextIssues.set(issue.id, next);
        continue;
      }
      const rect = layout.nextFrame(incoming.get(issue.id) ?? 0);
      const preferred = stableId('k', issue.id);
      const id = maps.clusters.has(preferred) ? newId('k') : preferred;
      createCluster(mergedDoc, { id, title: issue.title, ...rect }, origin);
      frames.set(id, rect);
      report.clustersCreated++;
      clusterOfIssue.set(issue.id, id);
      nextIssues.set(issue.id, {
        clusterId: id,
        title: issue.title,
        members: issueKeys(issue),
        ...rect,
      });
    }
    record.issues = nextIssues;

    // 2. Cards, matched by source; only fields the moderator left as the merge wrote them change.
    const mergedCardOf = new Map<string, string>();
    const sourceBoards = new Set(sources.map((s) => s.boardId));
    const seen = new Set<string>();
    for (const s of sources) {
      for (const src of s.board.cards) {
        const key = sourceKey(s.boardId, src.id);
        seen.add(key);
        const issueId = issueOfCard(s.boardId, src);
        const target = issueId === null ? null : (clusterOfIssue.get(issueId) ?? null);
        const rec = record.cards.get(key);
        const existing = bySource.get(key) ?? (rec ? cardById.get(rec.cardId) : undefined);
        if (!existing) {
          if (rec) continue; // the moderator deleted it: a re-merge does not bring it back
          const preferred = stableId('m', key);
          const id = maps.cards.has(preferred) ? newId('m') : preferred;
          addCard(
            mergedDoc,
            {
              id,
              text: src.text,
              desaKode: src.desaKode,
              bidang: src.bidang,
              x: 0,
              y: 0,
              author: src.author,
              createdAt: src.createdAt,
              clusterId: target,
              source: { boardId: s.boardId, cardId: src.id, kecamatanKode: s.kecamatanKode },
            },
            origin,
          );
          placeIn(id, target);
          record.cards.set(key, {
            cardId: id,
            text: src.text,
            desaKode: src.desaKode,
            bidang: src.bidang,
            clusterId: target,
          });
          mergedCardOf.set(key, id);
          report.added++;
          continue;
        }
        const base: CardRecord = rec ?? {
          cardId: existing.id,
          text: existing.text,
          desaKode: existing.desaKode,
          bidang: existing.bidang,
          clusterId: existing.clusterId,
        };
        const next: CardRecord = { ...base, cardId: existing.id };
        let changed = false;
        for (const f of CARD_FIELDS) {
          if (existing[f] !== base[f]) report.keptModeratorEdits++;
          else if (existing[f] !== src[f]) {
            updateCard(mergedDoc, existing.id, { [f]: src[f] }, origin);
            Object.assign(next, { [f]: src[f] });
            changed = true;
          }
        }
        if (existing.clusterId !== base.clusterId) report.keptModeratorEdits++;
        else if (existing.clusterId !== target) {
          setCardCluster(mergedDoc, existing.id, target, origin);
          placeIn(existing.id, target);
          next.clusterId = target;
          changed = true;
        }
        if (changed) report.updated++;
        record.cards.set(key, next);
        mergedCardOf.set(key, existing.id);
      }
    }
    // Cards gone from a merged source board go too, unless the moderator has touched them.
    for (const [key, rec] of Array.from(record.cards)) {
      if (seen.has(key) || !sourceBoards.has(key.slice(0, key.indexOf('/')))) continue;
      const current = cardById.get(rec.cardId);
      if (current && current.text === rec.text && current.clusterId === rec.clusterId) {
        deleteCard(mergedDoc, rec.cardId, origin);
        report.removed++;
      }
      record.cards.delete(key);
    }

    // 3. Votes carry over under namespaced voter ids; they are source facts, always refreshed.
    for (const s of sources) {
      const written = new Map<string, number>();
      for (const v of s.board.votes) {
        const key = sourceKey(s.boardId, v.targetId);
        const issueId = issueOfMember.get(key);
        const target = mergedCardOf.get(key) ?? (issueId ? clusterOfIssue.get(issueId) : undefined);
        if (!target) continue;
        const k = voteKey(target, mergedVoterId(s.boardId, v.voterId));
        written.set(k, Math.min(MAX_VOTES_PER_TARGET, (written.get(k) ?? 0) + v.count));
      }
      for (const old of record.votes.get(s.boardId) ?? [])
        if (!written.has(old)) maps.votes.delete(old);
      for (const [k, count] of written) if (maps.votes.get(k) !== count) maps.votes.set(k, count);
      record.votes.set(s.boardId, [...written.keys()]);
    }

    // 4. Frames the moderator has not moved or resized grow to fit their cards.
    for (const rec of record.issues.values()) {
      const current = board.clusters.find((k) => k.id === rec.clusterId);
      const untouched =
        !current ||
        (current.x === rec.x && current.y === rec.y && current.w === rec.w && current.h === rec.h);
      if (!untouched || !maps.clusters.has(rec.clusterId)) continue;
      const size = frameSize(Math.max(1, clusterCount.get(rec.clusterId) ?? 0));
      if (size.w !== rec.w || size.h !== rec.h) {
        resizeCluster(mergedDoc, rec.clusterId, { x: rec.x, y: rec.y, ...size }, origin);
        Object.assign(rec, size);
      }
    }
    writeMergeRecord(mergedDoc, record);
  }, origin);
  return report;
}
