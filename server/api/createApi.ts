import type { FastifyInstance } from 'fastify';
import type { AppContext } from './AppContext';
import { registerApiRoutes, type ApiRoute } from './ApiRoute';
import { boardRoutes } from './boardRoutes';
import { controlRoutes } from './controlRoutes';
import { eventRoutes } from './eventRoutes';
import { exportRoutes } from './exportRoutes';
import { mergeRoutes } from './mergeRoutes';
import { joinRoutes } from './joinRoutes';
import { qrSheetRoutes } from './qrSheetRoutes';
import { streamRoutes } from './streamRoutes';

/** Registers the JSON API under /api on `app`; `extra` routes come from later features. */
export function registerApi(app: FastifyInstance, ctx: AppContext, extra: ApiRoute[] = []): void {
  registerApiRoutes(app, [
    ...joinRoutes(ctx),
    ...eventRoutes(ctx),
    ...boardRoutes(ctx),
    ...controlRoutes(ctx),
    ...streamRoutes(ctx),
    ...qrSheetRoutes(ctx),
    ...exportRoutes(ctx),
    ...mergeRoutes(ctx),
    ...extra,
  ]);
}
