import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCard } from '../../shared/board/boardModel';
import { spawnServer, type ServerProcess } from '../helpers/serverProcess';
import { makeTempDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

// The real main: tokens are checked and boards must exist, so use the demo boards and a staff token.
const ADMIN = 'crash-test-admin-token';
const params = { token: ADMIN };

describe('crash durability', () => {
  const processes: ServerProcess[] = [];
  const clients: TestClient[] = [];
  let temp: ReturnType<typeof makeTempDir>;

  beforeEach(() => {
    temp = makeTempDir();
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const p of processes.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await p.exited;
    }
    temp.remove();
  });

  it('every update another client received survives kill -9 in the middle of a stream', async () => {
    const first = await spawnServer({
      DATA_DIR: temp.dir,
      COMPACT_EVERY: '50',
      PAPAN_ADMIN_TOKEN: ADMIN,
    });
    processes.push(first);
    const writer = connectClient(first.syncUrl, 'demo-paringin', { params });
    const observer = connectClient(first.syncUrl, 'demo-paringin', { params });
    clients.push(writer, observer);
    await Promise.all([writer.synced(), observer.synced()]);

    const seen = new Set<string>();
    observer.doc.getMap('cards').observe((event) => {
      for (const key of event.keysChanged) seen.add(key);
    });
    let written = 0;
    const stream = setInterval(() => {
      for (let i = 0; i < 3; i++) {
        addCard(writer.doc, {
          text: `kartu ${written++}`,
          desaKode: null,
          bidang: null,
          x: written,
          y: 0,
          author: { id: 'w', name: 'Writer' },
        });
      }
    }, 2);
    await waitFor(() => seen.size >= 300, { timeoutMs: 15_000, what: 'stream observed' });
    first.child.kill('SIGKILL');
    const seenAtKill = new Set(seen);
    clearInterval(stream);
    // The clients must not resend their copies to the new server: only the disk counts.
    writer.destroy();
    observer.destroy();
    expect(await first.exited).toBe('SIGKILL');
    expect(written).toBeGreaterThanOrEqual(seenAtKill.size);

    const second = await spawnServer({ DATA_DIR: temp.dir, PAPAN_ADMIN_TOKEN: ADMIN });
    processes.push(second);
    const reader = connectClient(second.syncUrl, 'demo-paringin', { params });
    clients.push(reader);
    await reader.synced();
    const cards = reader.doc.getMap('cards');
    const missing = [...seenAtKill].filter((id) => !cards.has(id));
    expect(missing).toEqual([]);
    expect(cards.size).toBeGreaterThanOrEqual(seenAtKill.size);
  });

  it('SIGTERM shuts down gracefully with exit code 0 and keeps the board', async () => {
    const first = await spawnServer({ DATA_DIR: temp.dir, PAPAN_ADMIN_TOKEN: ADMIN });
    processes.push(first);
    const tablet = connectClient(first.syncUrl, 'demo-halong', { params });
    clients.push(tablet);
    await tablet.synced();
    tablet.doc.getMap('cards').set('a', 'kept');
    const closed = waitFor(() => tablet.closes.some((c) => c.code === 1001), { what: '1001' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    first.child.kill('SIGTERM');
    await closed;
    expect(await first.exited).toBe(0);
    tablet.destroy();

    const second = await spawnServer({ DATA_DIR: temp.dir, PAPAN_ADMIN_TOKEN: ADMIN });
    processes.push(second);
    const again = connectClient(second.syncUrl, 'demo-halong', { params });
    clients.push(again);
    await waitFor(() => again.doc.getMap('cards').get('a') === 'kept', { what: 'kept' });
  });
});
