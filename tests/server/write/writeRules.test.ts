import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultControlState, type ControlState } from '../../../shared/control';
import { CLOSE_CODES } from '../../../shared/protocol';
import type { ConnectionInfo } from '../../../server/sync/Connection';
import { checkWrite } from '../../../server/sync/write/checkWrite';
import { defaultWriteRules } from '../../../server/sync/write/defaultWriteRules';
import { ACCEPT, refuse, type WriteRule } from '../../../server/sync/write/WriteRule';
import { serverOrigin, type WriteOrigin } from '../../../server/sync/writeOrigin';

const RULES = defaultWriteRules({ maxDocBytes: 1_000_000 });

function client(info: Partial<ConnectionInfo> = {}): WriteOrigin {
  return {
    kind: 'client',
    socket: {
      info: {
        id: 1,
        boardId: 'kec-juai',
        readOnly: false,
        role: 'participant',
        subject: 's1',
        voterId: 'v1',
        ...info,
      },
      closed: false,
      close: () => undefined,
    },
  };
}

/** The server's doc, and an update made on a copy of it. */
function setup(prepare: (doc: Y.Doc) => void = () => undefined) {
  const doc = new Y.Doc();
  prepare(doc);
  const updateOf = (change: (copy: Y.Doc) => void) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(copy);
    change(copy);
    return Y.encodeStateAsUpdate(copy, before);
  };
  const check = (
    update: Uint8Array,
    who: WriteOrigin,
    control: Partial<ControlState> = {},
    rules: readonly WriteRule[] = RULES,
  ) =>
    checkWrite(rules, {
      doc,
      update,
      who,
      control: { ...defaultControlState(), ...control },
      wouldExceed: (max) => doc.store.clients.size + update.byteLength > max,
    });
  return { doc, updateOf, check };
}

const vote = (key: string, dots: unknown) => (doc: Y.Doc) => doc.getMap('votes').set(key, dots);

describe('the write rules', () => {
  it('accept an ordinary client edit: nothing is put back once it is applied', () => {
    const { doc, updateOf, check } = setup();
    const update = updateOf((doc) => doc.getMap('cards').set('c1', new Y.Map()));
    const decision = check(update, client());
    Y.applyUpdate(doc, update);
    const broken =
      decision.verdict === 'revert'
        ? decision.reverts.flatMap((r) => r.keys.filter((k) => r.brokenAfter?.(doc, k) ?? true))
        : [];
    expect(decision.verdict).not.toBe('refuse');
    expect(broken).toEqual([]);
  });

  it('refuse client writes on a locked board, but not server actions', () => {
    const { updateOf, check } = setup();
    const update = updateOf((doc) => doc.getMap('meta').set('title', 'x'));
    expect(check(update, client(), { locked: true })).toMatchObject({
      verdict: 'refuse',
      rule: 'lock',
      reason: 'locked',
    });
    expect(check(update, serverOrigin('moderator:sari', 'merge'), { locked: true })).toEqual({
      verdict: 'accept',
    });
  });

  it('refuse a read-only connection', () => {
    const { updateOf, check } = setup();
    const update = updateOf((doc) => doc.getMap('meta').set('title', 'x'));
    expect(check(update, client({ readOnly: true }))).toMatchObject({ reason: 'read-only' });
  });

  it('refuse a write past the size limit and ask to close the socket', () => {
    const { updateOf, check } = setup();
    const update = updateOf((doc) => doc.getMap('meta').set('title', 'x'.repeat(100)));
    const rules = defaultWriteRules({ maxDocBytes: 50 });
    expect(check(update, client(), {}, rules)).toMatchObject({
      verdict: 'refuse',
      reason: 'document-too-large',
      close: { code: CLOSE_CODES.documentTooLarge },
    });
    expect(check(update, { kind: 'peer', instanceId: 'b', seq: 9 }, {}, rules).verdict).toBe(
      'accept',
    );
  });

  it('check the lock before anything else', () => {
    const { updateOf, check } = setup();
    const update = updateOf((doc) => doc.getMap('meta').set('title', 'x'.repeat(100)));
    const rules = defaultWriteRules({ maxDocBytes: 50 });
    expect(check(update, client({ readOnly: true }), { locked: true }, rules)).toMatchObject({
      rule: 'lock',
    });
  });

  it('accept dots under the own voter id within the budget', () => {
    const { updateOf, check } = setup(vote('c1/v1', 1));
    expect(check(updateOf(vote('c2/v1', 2)), client(), { voteBudget: 3 })).toEqual(ACCEPT);
  });

  it('revert dots cast under another voter id', () => {
    const { updateOf, check } = setup();
    expect(check(updateOf(vote('c1/v2', 1)), client())).toEqual({
      verdict: 'revert',
      reverts: [{ rule: 'vote', reason: 'vote', keys: [{ map: 'votes', key: 'c1/v2' }] }],
    });
  });

  it('revert dots past the budget, and every dot once the board is finished', () => {
    const { updateOf, check } = setup(vote('c1/v1', 2));
    expect(check(updateOf(vote('c2/v1', 2)), client(), { voteBudget: 3 }).verdict).toBe('revert');
    expect(check(updateOf(vote('c2/v1', 1)), client(), { phase: 'selesai' }).verdict).toBe(
      'revert',
    );
  });

  it('revert values that are not a whole number of dots', () => {
    const { updateOf, check } = setup();
    for (const bad of [0, 1.5, 100, '1', null]) {
      expect(check(updateOf(vote('c1/v1', bad)), client()).verdict).toBe('revert');
    }
  });

  it('always allow removing dots, and hold no one to vote rules without a voter id', () => {
    const { updateOf, check } = setup(vote('c1/v2', 2));
    const removal = updateOf((doc) => doc.getMap('votes').delete('c1/v2'));
    expect(check(removal, client())).toEqual(ACCEPT);
    expect(check(updateOf(vote('c1/v2', 5)), client({ voterId: null }))).toEqual(ACCEPT);
  });

  it('run extra rules after the defaults: first refusal wins, reverts add up', () => {
    const { updateOf, check } = setup();
    const seen: string[] = [];
    const metaIsServerOnly: WriteRule = {
      name: 'meta-server-only',
      check: ({ touched, who }) => {
        seen.push(...(touched.maps.get('meta')?.keys() ?? []));
        return who.kind === 'client' && touched.maps.has('meta') ? refuse('read-only') : ACCEPT;
      },
    };
    const rules = [...RULES, metaIsServerOnly];
    const update = updateOf((doc) => doc.getMap('meta').set('kind', 'merged'));
    expect(check(update, client(), {}, rules)).toMatchObject({ rule: 'meta-server-only' });
    expect(check(update, client(), { locked: true }, rules)).toMatchObject({ rule: 'lock' });
    expect(seen).toEqual(['kind']);
  });

  it('put back a participant write to meta or mergeRecord, but not a moderator one', () => {
    const { updateOf, check } = setup((doc) => doc.getMap('meta').set('title', 'Juai'));
    const retitle = updateOf((doc) => {
      doc.getMap('meta').set('title', 'Palsu');
      doc.getMap('mergeRecord').set('sources', []);
    });
    expect(check(retitle, client())).toMatchObject({
      verdict: 'revert',
      reverts: [
        {
          rule: 'server-maps',
          reason: 'server-owned',
          keys: [
            { map: 'meta', key: 'title' },
            { map: 'mergeRecord', key: 'sources' },
          ],
        },
      ],
    });
    expect(check(retitle, client({ role: 'moderator' }))).toEqual(ACCEPT);
    expect(check(retitle, serverOrigin('system', 'merge'))).toEqual(ACCEPT);
  });

  it('refuse a participant write under an unknown top-level name and ask to close', () => {
    const { updateOf, check } = setup();
    const flood = updateOf((doc) => doc.getMap('zzz').set('a', 1));
    expect(check(flood, client())).toMatchObject({
      verdict: 'refuse',
      rule: 'top-level',
      close: { code: CLOSE_CODES.forbiddenWrite },
    });
    const array = updateOf((doc) => doc.getArray('cards2').push([1]));
    expect(check(array, client())).toMatchObject({ rule: 'top-level' });
    expect(check(flood, client({ role: 'staff' }))).toEqual(ACCEPT);
  });

  it('put back a card or cluster whose fields lose their types, judged after applying', () => {
    const { doc, updateOf, check } = setup((doc) => {
      const card = new Y.Map();
      card.set('text', 'Jalan rusak');
      card.set('x', 10);
      doc.getMap('cards').set('c1', card);
    });
    const wrong = updateOf((copy) => {
      (copy.getMap('cards').get('c1') as Y.Map<unknown>).set('x', 'kiri');
      copy.getMap('clusters').set('k1', 'not a map');
    });
    const decision = check(wrong, client());
    expect(decision.verdict).toBe('revert');
    Y.applyUpdate(doc, wrong);
    const reverts = decision.verdict === 'revert' ? decision.reverts : [];
    const broken = reverts.flatMap((r) => r.keys.filter((k) => r.brokenAfter?.(doc, k)));
    expect(broken).toEqual([
      { map: 'cards', key: 'c1' },
      { map: 'clusters', key: 'k1' },
    ]);
  });

  it('keep a participant to their own supports on existing cards, and let moderators be', () => {
    const { doc, updateOf, check } = setup((d) => d.getMap('cards').set('c1', new Y.Map()));
    const support = (key: string, name: unknown) => (copy: Y.Doc) =>
      copy.getMap('supports').set(key, name);
    const judged = (update: Uint8Array, who: WriteOrigin) => {
      const decision = check(update, who);
      const after = new Y.Doc();
      Y.applyUpdate(after, Y.encodeStateAsUpdate(doc));
      Y.applyUpdate(after, update);
      const reverts = decision.verdict === 'revert' ? decision.reverts : [];
      return reverts.flatMap((r) =>
        r.keys.filter((k) => r.brokenAfter?.(after, k)).map((k) => `${r.rule}:${k.key}`),
      );
    };
    expect(judged(updateOf(support('c1/v1', 'Siti')), client())).toEqual([]);
    const forged = updateOf((copy) => {
      const supports = copy.getMap('supports');
      supports.set('c1/v1', 'Siti');
      supports.set('c1/v2', 'Palsu');
      supports.set('c404/v1', 'Siti');
      supports.set('c1v1', 'Siti');
      supports.set('c1/v1/x', 'Siti');
    });
    expect(judged(forged, client())).toEqual([
      'support:c1/v2',
      'support:c404/v1',
      'support:c1v1',
      'support:c1/v1/x',
    ]);
    expect(judged(updateOf(support('c1/v1', 'x'.repeat(500))), client())).toEqual([
      'support:c1/v1',
    ]);
    expect(judged(updateOf(support('c1/v1', 7)), client())).toEqual(['support:c1/v1']);
    // A card created in the same write may be supported at once.
    const withCard = updateOf((copy) => {
      copy.getMap('cards').set('c2', new Y.Map());
      copy.getMap('supports').set('c2/v1', 'Siti');
    });
    expect(judged(withCard, client())).toEqual([]);
    expect(judged(forged, client({ role: 'moderator' }))).toEqual([]);
  });

  it("put back a participant's deletion of someone else's support, not of their own", () => {
    const { updateOf, check } = setup((d) => {
      d.getMap('cards').set('c1', new Y.Map());
      d.getMap('supports').set('c1/v1', 'Siti');
      d.getMap('supports').set('c1/v2', 'Ani');
    });
    const drop = (key: string) => updateOf((copy) => copy.getMap('supports').delete(key));
    expect(check(drop('c1/v1'), client()).verdict).toBe('revert');
    const decision = check(drop('c1/v2'), client());
    expect(decision).toMatchObject({
      verdict: 'revert',
      reverts: [{ rule: 'support', reason: 'support', keys: [{ map: 'supports', key: 'c1/v2' }] }],
    });
    const own = check(drop('c1/v1'), client());
    const after = new Y.Doc();
    after.getMap('supports').set('c1/v2', 'Ani');
    const reverts = own.verdict === 'revert' ? own.reverts : [];
    expect(reverts.flatMap((r) => r.keys.filter((k) => r.brokenAfter?.(after, k)))).toEqual([]);
  });
});
