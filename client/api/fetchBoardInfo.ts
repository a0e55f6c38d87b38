import { isBoardId } from '../../shared/protocol';
import type { Bidang, Taxonomy } from '../../shared/taxonomy';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { fallbackBoardInfo, type BoardInfo } from '../board/BoardInfoContext';
import { authHeaders } from '../config/accessToken';

const COLORS: ReadonlySet<string> = new Set([
  'green',
  'blue',
  'orange',
  'violet',
  'red',
  'yellow',
  'light-blue',
  'grey',
]);
const DESA_KODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
const KECAMATAN_KODE = /^\d{2}\.\d{2}\.\d{2}$/;

function str(v: unknown, max: number): string | null {
  return typeof v === 'string' ? v.slice(0, max) : null;
}

/** Parses GET /api/boards/<id> (untrusted JSON); unknown parts fall back to defaults. */
export function parseBoardInfo(id: string, raw: unknown): BoardInfo {
  const base = fallbackBoardInfo(id);
  if (typeof raw !== 'object' || raw === null) return base;
  const r = raw as Record<string, unknown>;
  const desa = Array.isArray(r.desa)
    ? r.desa.flatMap((d: unknown) => {
        if (typeof d !== 'object' || d === null) return [];
        const kode = (d as Record<string, unknown>).kode;
        const nama = str((d as Record<string, unknown>).nama, 120);
        return typeof kode === 'string' && DESA_KODE.test(kode) && nama ? [{ kode, nama }] : [];
      })
    : [];
  const kecamatan = Array.isArray(r.kecamatan)
    ? r.kecamatan.flatMap((k: unknown) => {
        if (typeof k !== 'object' || k === null) return [];
        const kode = (k as Record<string, unknown>).kode;
        const nama = str((k as Record<string, unknown>).nama, 120);
        return typeof kode === 'string' && KECAMATAN_KODE.test(kode) && nama
          ? [{ kode, nama }]
          : [];
      })
    : [];
  const taxonomy: Bidang[] = Array.isArray(r.taxonomy)
    ? r.taxonomy.flatMap((b: unknown) => {
        if (typeof b !== 'object' || b === null) return [];
        const { id: bid, nama, color } = b as Record<string, unknown>;
        if (typeof bid !== 'string' || typeof nama !== 'string') return [];
        const c = typeof color === 'string' && COLORS.has(color) ? color : 'grey';
        return [{ id: bid.slice(0, 100), nama: nama.slice(0, 120), color: c as Bidang['color'] }];
      })
    : [];
  const kode = r.kecamatanKode;
  return {
    id,
    title: str(r.title, 300) ?? base.title,
    kind: r.kind === 'merged' ? 'merged' : 'kecamatan',
    kecamatanKode: typeof kode === 'string' && KECAMATAN_KODE.test(kode) ? kode : null,
    kecamatanNama: str(r.kecamatanNama, 120),
    desa,
    kecamatan,
    taxonomy: taxonomy.length > 0 ? (taxonomy as Taxonomy) : DEFAULT_TAXONOMY,
  };
}

export type BoardInfoResult =
  { kind: 'ok'; info: BoardInfo } | { kind: 'forbidden' } | { kind: 'not-found' };

const cacheKey = (id: string) => `papan.boardInfo.${id}`;

/**
 * The board's info from the server, remembered on the tablet so a reload without the server
 * still shows desa names and bidang. A 404 before the endpoint exists, or no network, falls back
 * to the remembered copy or the defaults.
 */
export async function fetchBoardInfo(id: string, token: string | null): Promise<BoardInfoResult> {
  if (!isBoardId(id)) return { kind: 'not-found' };
  const remembered = (): BoardInfo => {
    try {
      const raw = window.localStorage.getItem(cacheKey(id));
      return raw === null ? fallbackBoardInfo(id) : parseBoardInfo(id, JSON.parse(raw));
    } catch {
      return fallbackBoardInfo(id);
    }
  };
  let response: Response;
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(id)}`, {
      headers: { Accept: 'application/json', ...authHeaders(token) },
    });
  } catch {
    return { kind: 'ok', info: remembered() };
  }
  if (response.status === 401 || response.status === 403) return { kind: 'forbidden' };
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) {
    return { kind: 'ok', info: remembered() };
  }
  try {
    const json: unknown = await response.json();
    const info = parseBoardInfo(id, json);
    try {
      window.localStorage.setItem(cacheKey(id), JSON.stringify(info));
    } catch {
      // Storage full: the info is still used for this page.
    }
    return { kind: 'ok', info };
  } catch {
    return { kind: 'ok', info: remembered() };
  }
}
