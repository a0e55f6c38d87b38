import { isBoardId } from '../../shared/protocol';

/** The pages of the app. */
export type Route =
  | { page: 'home' }
  | { page: 'board'; boardId: string }
  | { page: 'join'; code: string }
  | { page: 'console'; eventId: string }
  | { page: 'merge'; eventId: string }
  | { page: 'issue-map'; eventId: string }
  | { page: 'not-found' };

/** Event ids follow the board id rule: checked, never rewritten. */
const EVENT_PAGES: readonly [RegExp, 'console' | 'merge' | 'issue-map'][] = [
  [/^\/m\/([^/]+)\/?$/, 'console'],
  [/^\/m\/([^/]+)\/gabung\/?$/, 'merge'],
  [/^\/e\/([^/]+)\/peta\/?$/, 'issue-map'],
];

/** Maps a path to a page; board ids are checked, never rewritten. */
export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname);
  if (match) {
    let id: string;
    try {
      id = decodeURIComponent(match[1] ?? '');
    } catch {
      return { page: 'not-found' };
    }
    return isBoardId(id) ? { page: 'board', boardId: id } : { page: 'not-found' };
  }
  const join = /^\/j(?:\/([^/]*))?\/?$/.exec(pathname);
  if (join) {
    const code = join[1] ?? '';
    return /^[A-Za-z0-9]{0,20}$/.test(code) ? { page: 'join', code } : { page: 'not-found' };
  }
  for (const [pattern, page] of EVENT_PAGES) {
    const m = pattern.exec(pathname);
    if (m) return isBoardId(m[1]) ? { page, eventId: m[1] } : { page: 'not-found' };
  }
  return { page: 'not-found' };
}
