import { isBoardId } from '../../shared/protocol';

/** The pages of the app. */
export type Route = { page: 'home' } | { page: 'board'; boardId: string } | { page: 'not-found' };

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
  return { page: 'not-found' };
}
