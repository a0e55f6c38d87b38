import type { Logger } from 'pino';
import type { BoardBus } from '../bus/BoardBus';
import { LocalBoardBus } from '../bus/LocalBoardBus';
import { RedisBoardBus } from '../bus/RedisBoardBus';
import type { ScaledConfig } from '../config';
import { PgDocStore } from '../store/PgDocStore';
import type { RoomHooks } from '../sync/RoomHooks';
import { RedisFanout } from './RedisFanout';
import { ScaledHealth } from './ScaledHealth';
import { ScaledBoards } from './ScaledBoards';
import { ScaledPresence } from './ScaledPresence';

/** Everything the scaled mode adds to one instance, built from configuration. */
export interface ScaledMode {
  instanceId: string;
  store: PgDocStore;
  /** Null without REDIS_URL: instances then poll PostgreSQL. */
  fanout: RedisFanout | null;
  boards: ScaledBoards;
  /** Control, document-changed notices and facilitator calls across instances (over Redis). */
  bus: BoardBus;
  hooks: RoomHooks[];
  /** PostgreSQL and Redis as /healthz reports them. */
  health: ScaledHealth;
  /** Stops following boards, closes Redis and then the store (after the rooms are closed). */
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL (migrating it) and Redis. PostgreSQL must answer at start: an instance
 * that cannot store anything must not take clients. Redis may be down at start: the instance
 * polls PostgreSQL until it comes.
 */
export async function openScaledMode(config: ScaledConfig, logger: Logger): Promise<ScaledMode> {
  const store = await PgDocStore.open({
    connectionString: config.databaseUrl,
    ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
  });
  let redisDown = false;
  const fanout = config.redisUrl
    ? new RedisFanout({
        url: config.redisUrl,
        prefix: `papan:${config.databaseSchema ?? 'public'}`,
        onReconnect: () => {
          redisDown = false;
          logger.info('Redis is back; checking every board against PostgreSQL');
        },
        onError: (error) => {
          // ioredis retries by itself; say it once per outage, not once per retry.
          if (!redisDown) logger.warn({ err: error }, 'Redis unavailable: polling PostgreSQL');
          redisDown = true;
        },
      })
    : null;
  const bus: BoardBus = fanout
    ? new RedisBoardBus(fanout, config.instanceId, (error) =>
        logger.warn({ err: error }, 'board bus'),
      )
    : new LocalBoardBus();
  const boards = new ScaledBoards({ instanceId: config.instanceId, store, fanout, logger });
  const presence = fanout
    ? new ScaledPresence({ instanceId: config.instanceId, fanout, logger })
    : null;
  logger.info(
    { instanceId: config.instanceId, redis: Boolean(fanout) },
    'scaled mode: PostgreSQL store',
  );
  return {
    instanceId: config.instanceId,
    store,
    fanout,
    boards,
    bus,
    hooks: [boards.hooks(), ...(presence ? [presence.hooks()] : [])],
    health: new ScaledHealth({
      instanceId: config.instanceId,
      pingPostgres: () => store.ping(),
      redisConnected: () => (fanout ? fanout.connected : null),
    }),
    close: async () => {
      await boards.close();
      await presence?.close();
      await bus.close();
      await fanout?.close();
      await store.close();
    },
  };
}
