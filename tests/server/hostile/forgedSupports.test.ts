import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { voterIdOf } from '../../../server/auth/authorizeSocket';
import { joinAsParticipant, settle } from '../../helpers/hostileParticipant';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../../helpers/testPapan';
import { waitFor } from '../../helpers/waitFor';
import { connectClient, type TestClient } from '../../helpers/yClient';

let t: TestPapan | null = null;
let client: TestClient | null = null;

afterEach(async () => {
  client?.destroy();
  client = null;
  await t?.close();
  t = null;
});

const BOARD = 'demo-juai';

describe('"saya juga mengalami ini" from a hand-made client', () => {
  it('supports under other ids are put back, its own stays (in the stored board too)', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD);
    // The connection's voter id, as the server derives it from the token.
    const me = { voterId: voterIdOf((await t.papan.app.tokens.verify(token))!.tokenId) };
    const room = await t.papan.registry.use(BOARD, (r) => r);
    const target = [...room.doc.getMap('cards').keys()][0]!;
    client = connectClient(t.syncUrl, BOARD, { params: { token } });
    await client.synced();
    const supports = client.doc.getMap('supports');
    client.doc.transact(() => {
      for (let i = 0; i < 20; i++) supports.set(`${target}/orang-palsu-${i}`, `Palsu ${i}`);
      supports.set(`${target}/${me.voterId}`, 'Siti');
      supports.set(`kartu-tidak-ada/${me.voterId}`, 'Siti');
    });
    await waitFor(() => supports.size === 1, { what: 'forged supports put back on the client' });
    await settle(t, BOARD);
    expect(room.doc.getMap('supports').toJSON()).toEqual({ [`${target}/${me.voterId}`]: 'Siti' });
    const stored = await t.papan.store.load(BOARD);
    const restored = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(restored, stored.snapshot);
    for (const { update } of stored?.updates ?? []) Y.applyUpdate(restored, update);
    expect(restored.getMap('supports').toJSON()).toEqual({ [`${target}/${me.voterId}`]: 'Siti' });
    const metrics = await (await t.api('/metrics', { token: TEST_ADMIN_TOKEN })).text();
    expect(metrics).toMatch(/papan_write_rule_verdicts_total\{rule="support",verdict="revert"\} 1/);
  });
});
