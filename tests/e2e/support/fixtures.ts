import type { BrowserContext } from 'playwright-core';

/** The documented GET /api/boards/<id> answer for a Balangan kecamatan board (Paringin). */
export function boardInfoFixture(boardId: string) {
  return {
    id: boardId,
    title: 'Kecamatan Paringin',
    kind: 'kecamatan',
    kecamatanKode: '63.11.01',
    kecamatanNama: 'Paringin',
    desa: [
      { kode: '63.11.01.2001', nama: 'Babayau' },
      { kode: '63.11.01.2002', nama: 'Balang' },
      { kode: '63.11.01.1003', nama: 'Paringin Kota' },
    ],
    taxonomy: [
      { id: 'ekonomi', nama: 'Ekonomi', color: 'green' },
      { id: 'infrastruktur', nama: 'Infrastruktur dan Kewilayahan', color: 'blue' },
      {
        id: 'pemerintahan-pembangunan-manusia',
        nama: 'Pemerintahan dan Pembangunan Manusia',
        color: 'orange',
      },
    ],
  };
}

/**
 * Answers GET /api/boards/<id> with the fixture when the server under test does not serve it
 * yet (404); once the server's own API answers, its answer is used unchanged.
 */
export async function serveBoardInfoIfMissing(context: BrowserContext): Promise<void> {
  await context.route(/\/api\/boards\/[a-z0-9-]+$/, async (route) => {
    const response = await route.fetch().catch(() => null);
    if (response === null) return route.abort('connectionrefused');
    if (response.status() !== 404) return route.fulfill({ response });
    const id = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    return route.fulfill({ json: boardInfoFixture(id) });
  });
}
