import type { AppContext } from './AppContext';
import { boardRoutes } from './boardRoutes';
import { controlRoutes } from './controlRoutes';
import { eventRoutes } from './eventRoutes';
import { exportRoutes } from './exportRoutes';
import { mergeRoutes } from './mergeRoutes';
import { joinRoutes } from './joinRoutes';
import { qrSheetRoutes } from './qrSheetRoutes';
import { createRouter, type Route } from './router';
import { streamRoutes } from './streamRoutes';

/** The JSON API under /api as one http handler; `extra` routes come from later features. */
export function createApi(ctx: AppContext, extra: Route[] = []) {
  return createRouter(
    [
      ...joinRoutes(ctx),
      ...eventRoutes(ctx),
      ...boardRoutes(ctx),
      ...controlRoutes(ctx),
      ...streamRoutes(ctx),
      ...qrSheetRoutes(ctx),
      ...exportRoutes(ctx),
      ...mergeRoutes(ctx),
      ...extra,
    ],
    (error) => ctx.logError(error, 'api request failed'),
  );
}
