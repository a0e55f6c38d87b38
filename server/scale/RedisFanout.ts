import { Redis } from 'ioredis';

export type FanoutHandler = (payload: Buffer) => void;

export interface RedisFanoutOptions {
  url: string;
  /** Prefix of every channel and key, so several deployments can share one Redis. */
  prefix?: string;
  /** Called when the subscription connection is (re)established: messages may have been lost. */
  onReconnect?: () => void;
  onError?: (error: unknown) => void;
}

/**
 * Binary publish/subscribe between instances over Redis, and nothing more: Redis carries
 * messages, PostgreSQL keeps them. Publishing never waits for a Redis that is down (no offline
 * queue): the message is dropped and receivers find the gap through the log's head. The
 * subscriber reconnects by itself, re-subscribes, and says so through `onReconnect`.
 */
export class RedisFanout {
  readonly prefix: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<FanoutHandler>>();
  private readonly reconnectListeners = new Set<() => void>();
  private everReady = false;
  private closed = false;

  constructor(private readonly options: RedisFanoutOptions) {
    this.prefix = options.prefix ?? 'papan';
    const common = {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times: number) => Math.min(200 * times, 2000),
    };
    // Auto-pipelining: the publishes of one tick (a committed pass, one per update) go to Redis
    // in one write instead of one each.
    this.publisher = new Redis(options.url, {
      ...common,
      enableOfflineQueue: false,
      enableAutoPipelining: true,
    });
    this.subscriber = new Redis(options.url, common);
    const onError = (error: unknown) => options.onError?.(error);
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    this.subscriber.on('ready', () => {
      if (this.everReady) {
        options.onReconnect?.();
        for (const listener of this.reconnectListeners) listener();
      }
      this.everReady = true;
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const handlers = this.handlers.get(channel.toString());
      if (!handlers) return;
      for (const handler of handlers) handler(message);
    });
  }

  /** Calls `listener` whenever the subscription comes back (messages may have been lost). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** Whether publishing can reach Redis right now. */
  get connected(): boolean {
    return this.publisher.status === 'ready';
  }

  /** Waits until both connections are ready (start-up); rejects after `timeoutMs`. */
  async ready(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.publisher.status !== 'ready' || this.subscriber.status !== 'ready') {
      if (Date.now() > deadline) throw new Error(`Redis at ${this.options.url} is not reachable`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The full channel or key name for `name`. */
  key(name: string): string {
    return `${this.prefix}:${name}`;
  }

  /** Publishes; resolves false when Redis could not take it (the receivers will poll). */
  async publish(name: string, payload: Uint8Array): Promise<boolean> {
    if (this.closed || !this.connected) return false;
    try {
      await this.publisher.publish(this.key(name), Buffer.from(payload));
      return true;
    } catch {
      return false;
    }
  }

  /** Starts delivering `name`'s messages to `handler`; returns the unsubscribe function. */
  subscribe(name: string, handler: FanoutHandler): () => void {
    const channel = this.key(name);
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      this.subscriber.subscribe(channel).catch((error: unknown) => this.options.onError?.(error));
    }
    handlers.add(handler);
    return () => {
      const current = this.handlers.get(channel);
      if (!current) return;
      current.delete(handler);
      if (current.size > 0) return;
      this.handlers.delete(channel);
      if (!this.closed) {
        this.subscriber
          .unsubscribe(channel)
          .catch((error: unknown) => this.options.onError?.(error));
      }
    };
  }

  /** Sets `name` with a time to live (instance heartbeats); false when Redis is down. */
  async setWithTtl(name: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.closed || !this.connected) return false;
    try {
      await this.publisher.set(this.key(name), value, 'PX', ttlMs);
      return true;
    } catch {
      return false;
    }
  }

  /** Whether `name` exists; null when Redis cannot answer. */
  async exists(name: string): Promise<boolean | null> {
    if (this.closed || !this.connected) return null;
    try {
      return (await this.publisher.exists(this.key(name))) === 1;
    } catch {
      return null;
    }
  }

  /**
   * Runs a Lua script on the key `name` (one round trip, atomic: counters shared by instances);
   * rejects when Redis is down or closed, at once (no offline queue).
   */
  async evalOnKey(script: string, name: string, args: (string | number)[]): Promise<unknown> {
    if (this.closed) throw new Error('Redis fan-out is closed');
    return this.publisher.eval(script, 1, this.key(name), ...args);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    this.reconnectListeners.clear();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
