import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { MAX_DOC_BYTES } from '../../shared/limits';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/papan');
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe(path.resolve('/srv/papan/data'));
    expect(config.roomIdleMs).toBe(10_000);
    expect(config.limits.maxDocBytes).toBe(MAX_DOC_BYTES);
    expect(config.publicUrl).toBeNull();
  });

  it('reads overrides, treating empty values as unset', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '',
      MAX_DOC_BYTES: '4096',
      PUBLIC_URL: 'http://192.168.1.10:9000',
      LOG_LEVEL: 'debug',
    });
    expect(config.port).toBe(9000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.limits.maxDocBytes).toBe(4096);
    expect(config.publicUrl).toBe('http://192.168.1.10:9000');
    expect(config.logLevel).toBe('debug');
  });

  it('refuses bad values with one error naming every bad variable', () => {
    const bad = { PORT: '80a', ROOM_IDLE_MS: '-1', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x' };
    let message = '';
    try {
      loadConfig(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const key of Object.keys(bad)) expect(message).toContain(`${key}=`);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ COMPACT_EVERY: '0' })).toThrow(/COMPACT_EVERY/);
  });

  it('refuses limits that contradict each other', () => {
    expect(() =>
      loadConfig({ MAX_AWARENESS_PER_SECOND: '50', AWARENESS_FLOOD_PER_SECOND: '10' }),
    ).toThrow(/AWARENESS_FLOOD_PER_SECOND/);
  });

  it('stays in the embedded SQLite mode unless DATABASE_URL is set', () => {
    expect(loadConfig({}).scaled).toBeNull();
    const scaled = loadConfig({
      DATABASE_URL: 'postgres://papan@db.internal:5432/papan',
      REDIS_URL: 'redis://cache.internal:6379',
      INSTANCE_ID: 'papan-2',
    }).scaled;
    expect(scaled).toEqual({
      databaseUrl: 'postgres://papan@db.internal:5432/papan',
      databaseSchema: null,
      redisUrl: 'redis://cache.internal:6379',
      instanceId: 'papan-2',
      joinThrottleRedisMs: 250,
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgres://x/y', JOIN_THROTTLE_REDIS_MS: '2000' }).scaled
        ?.joinThrottleRedisMs,
    ).toBe(2000);
    // Without an INSTANCE_ID each process still gets a name of its own.
    const a = loadConfig({ DATABASE_URL: 'postgres://x/y' }).scaled?.instanceId;
    const b = loadConfig({ DATABASE_URL: 'postgres://x/y' }).scaled?.instanceId;
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it('refuses scaled-mode settings that cannot work', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', REDIS_URL: 'http://x' })).toThrow(
      /REDIS_URL/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://x/y', DATABASE_SCHEMA: 'Robert"; DROP' }),
    ).toThrow(/DATABASE_SCHEMA/);
    // Redis only carries messages: without PostgreSQL there is nothing to fan out.
    expect(() => loadConfig({ REDIS_URL: 'redis://x:6379' })).toThrow(/needs DATABASE_URL/);
  });
});
