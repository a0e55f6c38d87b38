import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, sendError } from './httpJson';

/** A matched request, handed to a route. */
export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path pattern with `:name` segments, e.g. `/api/events/:eventId`. */
  path: string;
  handle(request: RouteRequest): Promise<void> | void;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

/** Turns a list of routes into an http handler that answers `/api/*` and returns false otherwise. */
export function createRouter(
  routes: Route[],
  onError: (error: unknown, req: IncomingMessage) => void,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split('/')
      .map((part) =>
        // A segment may mix text and parameters, e.g. `issue-map.:format`.
        part
          .split(/(:[A-Za-z]+)/)
          .map((piece) => {
            if (!piece.startsWith(':')) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            names.push(piece.slice(1));
            return '([^/.]+)';
          })
          .join(''),
      )
      .join('/');
    return { ...route, regex: new RegExp(`^${source}$`), names };
  });

  return async (req, res, url) => {
    if (!url.pathname.startsWith('/api/')) return false;
    try {
      const pathMatches = compiled.filter((r) => r.regex.test(url.pathname));
      if (pathMatches.length === 0) throw new ApiError('not-found', 'No such API path');
      const route = pathMatches.find((r) => r.method === req.method);
      if (!route) throw new ApiError('bad-request', `Method ${req.method ?? ''} not allowed here`);
      const match = route.regex.exec(url.pathname);
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(match?.[i + 1] ?? '');
        } catch {
          throw new ApiError('bad-request', 'Alamat tidak sah');
        }
      });
      await route.handle({ req, res, url, params });
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof ApiError) {
        sendError(res, error);
      } else {
        onError(error, req);
        sendError(res, new ApiError('internal', 'Internal error'));
      }
    }
    return true;
  };
}
