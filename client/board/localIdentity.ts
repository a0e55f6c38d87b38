import { MAX_NAME_LENGTH } from '../../shared/limits';
import { newId } from '../../shared/board/ids';

const USER_ID_KEY = 'papan.userId';
const NAME_KEY = 'papan.name';

/** This device's stable anonymous user id (author of its cards, voter id later). */
export function localUserId(storage: Storage): string {
  try {
    const existing = storage.getItem(USER_ID_KEY);
    if (existing !== null && /^u[A-Za-z0-9]{8,40}$/.test(existing)) return existing;
    const id = newId('u');
    storage.setItem(USER_ID_KEY, id);
    return id;
  } catch {
    return newId('u');
  }
}

/** The display name people gave on this device, or null before the prompt. */
export function loadDisplayName(storage: Storage): string | null {
  try {
    const name = storage.getItem(NAME_KEY)?.trim();
    return name ? name.slice(0, MAX_NAME_LENGTH) : null;
  } catch {
    return null;
  }
}

/** Remembers the display name on this device. */
export function saveDisplayName(storage: Storage, name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME_LENGTH);
  try {
    storage.setItem(NAME_KEY, clean);
  } catch {
    // Storage full or private mode: the name lasts for this page.
  }
  return clean;
}

const JOIN_DESA_KEY = 'papan.desa.';

/** Remembers the desa a person gave when joining a board: new cards there start with it. */
export function saveJoinDesa(storage: Storage, boardId: string, desaKode: string | null): void {
  try {
    if (desaKode === null) storage.removeItem(JOIN_DESA_KEY + boardId);
    else storage.setItem(JOIN_DESA_KEY + boardId, desaKode);
  } catch {
    // Storage full or private mode: the form starts without a desa.
  }
}

/** The desa given at the join for this board, or null. */
export function loadJoinDesa(storage: Storage, boardId: string): string | null {
  try {
    const kode = storage.getItem(JOIN_DESA_KEY + boardId);
    return kode !== null && /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(kode) ? kode : null;
  } catch {
    return null;
  }
}
