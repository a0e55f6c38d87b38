import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Upper bounds (seconds) of the store append latency histogram. */
const APPEND_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1];

/** Live values the metrics page reads when it is scraped. */
export interface MetricsGauges {
  rooms: () => number;
  connections: () => number;
}

/**
 * The server's counters, rendered as Prometheus text by `render()`. One instance per server
 * (no module-level state), so tests can run several servers side by side.
 */
export class Metrics {
  updatesIn = 0;
  updatesOut = 0;
  bytesIn = 0;
  bytesOut = 0;
  awarenessDropped = 0;
  readonly refusedUpdates = new Map<string, number>();
  readonly closes = new Map<number, number>();
  /** Verdicts of the write rules on client writes, by rule and verdict ("refuse", "revert"). */
  readonly ruleVerdicts = new Map<string, number>();
  private readonly appendBuckets = APPEND_BUCKETS.map(() => 0);
  private appendCount = 0;
  private appendSum = 0;
  private readonly eventLoop: IntervalHistogram;
  private gauges: MetricsGauges = { rooms: () => 0, connections: () => 0 };

  constructor() {
    this.eventLoop = monitorEventLoopDelay({ resolution: 20 });
    this.eventLoop.enable();
  }

  /** Connects the gauges once the registry and endpoint exist. */
  setGauges(gauges: MetricsGauges): void {
    this.gauges = gauges;
  }

  /** Records one store append that took `seconds`. */
  observeAppend(seconds: number): void {
    this.appendCount++;
    this.appendSum += seconds;
    APPEND_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.appendBuckets[i] = (this.appendBuckets[i] ?? 0) + 1;
    });
  }

  countRefused(reason: string): void {
    this.refusedUpdates.set(reason, (this.refusedUpdates.get(reason) ?? 0) + 1);
  }

  /** Counts one refusal or put-back by the write rule `rule` (see server/sync/write/rules). */
  countRuleVerdict(rule: string, verdict: 'refuse' | 'revert'): void {
    const key = `{rule="${rule}",verdict="${verdict}"}`;
    this.ruleVerdicts.set(key, (this.ruleVerdicts.get(key) ?? 0) + 1);
  }

  countClose(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
  }

  /** Prometheus text exposition format, version 0.0.4. */
  render(): string {
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
    };
    metric('papan_rooms', 'gauge', 'Boards loaded in memory.', [['', this.gauges.rooms()]]);
    metric('papan_connections', 'gauge', 'Open sync websockets.', [
      ['', this.gauges.connections()],
    ]);
    metric('papan_updates_in_total', 'counter', 'Document updates accepted from clients.', [
      ['', this.updatesIn],
    ]);
    metric('papan_updates_out_total', 'counter', 'Document updates sent to clients.', [
      ['', this.updatesOut],
    ]);
    metric('papan_bytes_in_total', 'counter', 'Websocket bytes received.', [['', this.bytesIn]]);
    metric('papan_bytes_out_total', 'counter', 'Websocket bytes sent.', [['', this.bytesOut]]);
    metric('papan_awareness_dropped_total', 'counter', 'Presence messages dropped by limits.', [
      ['', this.awarenessDropped],
    ]);
    metric(
      'papan_refused_updates_total',
      'counter',
      'Document updates refused, by reason.',
      [...this.refusedUpdates].map(([reason, n]) => [`{reason="${reason}"}`, n]),
    );
    metric(
      'papan_write_rule_verdicts_total',
      'counter',
      'Client writes refused or partly put back, by write rule and verdict.',
      [...this.ruleVerdicts],
    );
    metric(
      'papan_socket_closes_total',
      'counter',
      'Sync websockets closed, by close code.',
      [...this.closes].map(([code, n]) => [`{code="${code}"}`, n]),
    );
    metric('papan_store_append_seconds', 'histogram', 'Latency of durable update appends.', [
      ...APPEND_BUCKETS.map((bound, i): [string, number] => [
        `_bucket{le="${bound}"}`,
        this.appendBuckets[i] ?? 0,
      ]),
      ['_bucket{le="+Inf"}', this.appendCount],
      ['_sum', this.appendSum],
      ['_count', this.appendCount],
    ]);
    const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);
    metric('papan_event_loop_delay_seconds', 'gauge', 'Event-loop delay since start.', [
      ['{quantile="0.5"}', ms(this.eventLoop.percentile(50))],
      ['{quantile="0.99"}', ms(this.eventLoop.percentile(99))],
      ['{quantile="1"}', ms(this.eventLoop.max)],
    ]);
    return `${lines.join('\n')}\n`;
  }

  /** Stops the event-loop monitor. */
  close(): void {
    this.eventLoop.disable();
  }
}
