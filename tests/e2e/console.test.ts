import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addCard } from '../../shared/board/boardModel';
import type { PapanServerMessage } from '../../shared/protocol';
import { encodePapanMessage } from '../../shared/protocol';
import { listenForPapan, sayHello } from '../helpers/papanClient';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';
import type { RecordedContext } from './support/browser';
import {
  foreignRequests,
  screenshot,
  startPagesHarness,
  type PagesHarness,
} from './pages/pagesHarness';

let h: PagesHarness;
let tablet: RecordedContext;
let page: Page;
let juai: TestClient;
let halong: TestClient;
let halongMessages: PapanServerMessage[];

const board = (id: string) => `[data-testid="console-board"][data-board="${id}"]`;

async function participant(boardId: string, name: string): Promise<string> {
  return (await h.t.papan.app.tokens.issue({ role: 'participant', name, eventId: 'demo', boardId }))
    .token;
}

beforeAll(async () => {
  h = await startPagesHarness();
  tablet = await h.tablet();
  page = await tablet.context.newPage();
  await page.goto(`${h.t.url}/m/demo?token=${h.moderatorToken}`);
  await page.waitForSelector('[data-testid="console"][data-connected="true"]');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="console-board"]').length === 8,
  );
  juai = connectClient(h.t.syncUrl, 'demo-juai', {
    params: { token: await participant('demo-juai', 'Budi') },
  });
  halong = connectClient(h.t.syncUrl, 'demo-halong', {
    params: { token: await participant('demo-halong', 'Ani') },
  });
  halongMessages = listenForPapan(halong);
  await Promise.all([juai.synced(), halong.synced()]);
  sayHello(halong);
});

afterAll(async () => {
  juai?.destroy();
  halong?.destroy();
  await h?.close();
});

describe('the moderator console', () => {
  test('the token leaves the address bar and every board shows with its code', async () => {
    expect(page.url()).toBe(`${h.t.url}/m/demo`);
    const code = (await h.t.papan.app.events.getBoard('demo-juai'))?.joinCode ?? '';
    expect(await page.textContent(`${board('demo-juai')} [data-testid="join-code-shown"]`)).toBe(
      code,
    );
  });

  test('a card added on a board by a stock client shows in the console within a second', async () => {
    const before = Number(await page.getAttribute(board('demo-juai'), 'data-cards'));
    juai.provider.awareness.setLocalStateField('user', { name: 'Budi', color: '#f00' });
    const started = Date.now();
    addCard(juai.doc, {
      text: 'Jembatan gantung putus',
      desaKode: null,
      bidang: 'infrastruktur',
      x: 0,
      y: 0,
      author: { id: 'ubudi12345', name: 'Budi' },
    });
    await page.waitForSelector(`${board('demo-juai')}[data-cards="${before + 1}"]`, {
      timeout: 5_000,
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('Budi'),
      `${board('demo-juai')} [data-testid="board-names"]`,
    );
  });

  test('a phase and a timer set for one board reach that board, and the console counts down', async () => {
    await page.tap('[data-testid="control-demo-halong-phase-kelompokkan"]');
    await page.tap('[data-testid="control-demo-halong-timer-5"]');
    const control = await waitFor(
      () =>
        halongMessages.find(
          (m) => m.type === 'control' && m.control.phase === 'kelompokkan' && m.control.timerEndsAt,
        ),
      { what: 'phase and timer on the board', timeoutMs: 5_000 },
    );
    if (control.type !== 'control') throw new Error('not a control message');
    const left = (control.control.timerEndsAt ?? 0) - Date.now();
    expect(left).toBeGreaterThan(290_000);
    expect(left).toBeLessThanOrEqual(300_000);
    await page.waitForSelector(`${board('demo-halong')}[data-phase="kelompokkan"]`);
    expect(await page.textContent(`${board('demo-halong')} [data-testid="countdown"]`)).toMatch(
      /[45]:\d\d/,
    );
  });

  test('a phase for all boards asks first; "Batal" changes nothing', async () => {
    await page.tap('[data-testid="control-all-phase-kelompokkan"]');
    await page.waitForSelector('[data-testid="confirm-dialog"][open]');
    expect(await page.textContent('[data-testid="confirm-dialog"]')).toContain(
      'Ubah semua papan kecamatan ke tahap Kelompokkan?',
    );
    await screenshot(page, 'console-confirm-all.png');
    await page.tap('[data-testid="confirm-cancel"]');
    await page.waitForSelector('[data-testid="confirm-dialog"][open]', { state: 'detached' });
    // No control reached the boards: Juai is still in Tulis.
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.getAttribute(board('demo-juai'), 'data-phase')).toBe('tulis');
    expect((await h.t.papan.app.events.getBoard('demo-juai'))?.phase).toBe('tulis');
  });

  test('"Selesai" on one board asks first, then ends only that board', async () => {
    await page.tap('[data-testid="control-demo-juai-phase-selesai"]');
    await page.waitForSelector('[data-testid="confirm-dialog"][open]');
    expect(await page.textContent('[data-testid="confirm-dialog"]')).toContain(
      'Selesaikan Kecamatan Juai?',
    );
    await page.tap('[data-testid="confirm-ok"]');
    await page.waitForSelector(`${board('demo-juai')}[data-phase="selesai"]`);
    expect(await page.getAttribute(board('demo-halong'), 'data-phase')).not.toBe('selesai');
    // Other phases on one board need no question.
    await page.tap('[data-testid="control-demo-juai-phase-tulis"]');
    await page.waitForSelector(`${board('demo-juai')}[data-phase="tulis"]`);
    expect(await page.$('[data-testid="confirm-dialog"][open]')).toBeNull();
  });

  test('a phase and a lock set for all boards reach the boards', async () => {
    await page.tap('[data-testid="control-all-phase-pilih"]');
    await page.waitForSelector('[data-testid="confirm-dialog"][open]');
    await page.tap('[data-testid="confirm-ok"]');
    await waitFor(
      () => halongMessages.some((m) => m.type === 'control' && m.control.phase === 'pilih'),
      { what: 'pilih on the board' },
    );
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid="console-board"]')).every(
        (el) => el.getAttribute('data-phase') === 'pilih',
      ),
    );
    await page.tap('[data-testid="control-all-lock"]');
    await waitFor(() => halongMessages.some((m) => m.type === 'control' && m.control.locked), {
      what: 'lock on the board',
    });
    await page.waitForSelector(`${board('demo-halong')}[data-locked="true"]`);
    await screenshot(page, 'console-locked.png');
    await page.tap('[data-testid="control-all-unlock"]');
    await page.waitForSelector(`${board('demo-halong')}[data-locked="false"]`);
  });

  test('a facilitator call shows with its board and name, one line per person, and can be dismissed', async () => {
    halong.provider.ws?.send(encodePapanMessage({ type: 'call-facilitator', name: 'Ani' }));
    await page.waitForSelector('[data-testid="calls"]');
    const text = await page.textContent('[data-testid="calls"]');
    expect(text).toContain('Kecamatan Halong');
    expect(text).toContain('Ani');
    // Two more taps: still one line for Ani, whether the server passes the repeats on or not.
    for (let i = 0; i < 2; i++) {
      halong.provider.ws?.send(encodePapanMessage({ type: 'call-facilitator', name: 'Ani' }));
    }
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await page.$$eval('[data-testid="call"]', (els) => els.length)).toBe(1);
    const count = Number(await page.getAttribute('[data-testid="call"]', 'data-count'));
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(3);
    await screenshot(page, 'console.png');
    await page.tap('[data-testid="dismiss-call"]');
    await page.waitForSelector('[data-testid="calls"]', { state: 'detached' });
  });

  test('the QR sheet and the report open in a new tab with no token in any address, the sheet in Bahasa Indonesia only', async () => {
    const before = tablet.requests.length;
    const [sheet] = await Promise.all([
      tablet.context.waitForEvent('page'),
      page.tap('[data-testid="qr-sheet-link"]'),
    ]);
    // The sheet's own CSP forbids eval, so wait by selector, not by function.
    await sheet.waitForSelector('section.page >> nth=7', { timeout: 15_000 });
    expect(sheet.url()).toMatch(/^blob:/);
    const sheetText = (await sheet.textContent('body')) ?? '';
    expect(sheetText).toContain('Pindai kode QR');
    expect(sheetText).not.toMatch(/Scan|open the address|type the code/i);
    expect(await sheet.getAttribute('html', 'lang')).toBe('id');
    await screenshot(sheet, 'qr-sheet.png');
    await sheet.close();
    const [report] = await Promise.all([
      tablet.context.waitForEvent('page'),
      page.tap('[data-testid="report-link"]'),
    ]);
    await report.waitForSelector('section.cover', { timeout: 15_000 });
    expect(await report.textContent('body')).toContain('Peta Isu Strategis');
    expect(report.url()).toMatch(/^blob:/);
    await report.close();
    const asked = tablet.requests.slice(before);
    expect(asked.some((u) => u.includes('/qr-sheet'))).toBe(true);
    expect(asked.some((u) => u.includes('/issue-map.html'))).toBe(true);
    expect(asked.filter((u) => u.includes('token='))).toEqual([]);
  });

  test('exports download with the token in the header, not the address', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.tap('[data-testid="export-csv"]'),
    ]);
    expect(download.suggestedFilename()).toBe('peta-isu-demo.csv');
    const exported = tablet.requests.filter((u) => u.includes('/issue-map.csv'));
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.every((u) => !u.includes('token='))).toBe(true);
  });

  test('staff see the audit log and can invite a moderator by link; moderators do not', async () => {
    expect(await page.$('[data-testid="staff-panel"]')).toBeNull();
    const staff = await tablet.context.newPage();
    await staff.goto(`${h.t.url}/m/demo?token=${h.staffToken}`);
    await staff.waitForSelector('[data-testid="staff-panel"]');
    await staff.fill('[data-testid="invite-name"]', 'Pak Joko');
    await staff.tap('[data-testid="invite-submit"]');
    const link = await (await staff.waitForSelector('[data-testid="invite-link"]')).inputValue();
    expect(link).toMatch(/\/m\/demo\?token=/);
    await staff.tap('.audit summary');
    await staff.waitForSelector('[data-testid="audit-table"] tbody tr');
    const audit = await staff.textContent('[data-testid="audit-table"]');
    expect(audit).toContain('board.lock');
    expect(audit).toContain('moderator.invite');
    await screenshot(staff, 'console-staff.png', true);
    await staff.close();
  });

  test('staff home: a malformed gazetteer CSV lists its bad lines, a good event is created and listed', async () => {
    const home = await tablet.context.newPage();
    await home.goto(`${h.t.url}/?token=${h.staffToken}`);
    await home.waitForSelector('[data-testid="staff-event"]');
    await home.fill('[data-testid="event-title"]', 'Rembuk Uji 2027');
    await home.fill('[data-testid="event-year"]', '2027');
    await home.setInputFiles('[data-testid="event-gazetteer"]', {
      name: 'wilayah.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('kode,nama\n63.11,Kabupaten Uji\nbukan-kode,Desa Salah\n'),
    });
    await home.tap('[data-testid="event-create"]');
    await home.waitForSelector('[data-testid="gazetteer-errors"] li');
    expect(await home.textContent('[data-testid="gazetteer-errors"]')).toMatch(/Baris \d+/);
    await screenshot(home, 'staff-home-gazetteer-errors.png', true);
    const before = (await h.t.papan.app.events.listEvents()).length;
    await home.setInputFiles('[data-testid="event-gazetteer"]', []);
    await home.tap('[data-testid="event-create"]');
    await home.waitForSelector('text=Acara dibuat.');
    expect(await h.t.papan.app.events.listEvents()).toHaveLength(before + 1);
    await home.waitForFunction(
      () => document.querySelectorAll('[data-testid="staff-event"]').length === 2,
    );
    await home.close();
  });

  test('every request of the console stays on the server origin', () => {
    expect(foreignRequests(tablet.requests, h.t.url)).toEqual([]);
  });
});
