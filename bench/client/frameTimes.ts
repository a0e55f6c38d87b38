interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { message?: string } };
}

/** Marks written into the trace by the page (`console.timeStamp`) around the measured drag. */
export const DRAG_START_MARK = 'papan-drag-start';
export const DRAG_END_MARK = 'papan-drag-end';

/** Trace categories that carry main-thread frames and console time stamps. */
export const FRAME_TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
];

/**
 * Frame times of the page's main thread between the two marks of a Chromium performance trace:
 * the intervals between successive `BeginMainThreadFrame` events. The finger moves every 16 ms,
 * so every frame has new content; a frame that takes long (handling the move, React, layout,
 * paint) shows as a long interval. Returned in milliseconds, in trace order.
 */
export function frameTimesFromTrace(traceJson: string): number[] {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mark = (message: string) =>
    events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === message);
  const start = mark(DRAG_START_MARK);
  const end = mark(DRAG_END_MARK);
  if (!start || !end) throw new Error('the trace has no drag marks');
  // The marks come from the page's main thread: its frames are the ones that count.
  const frames = events
    .filter(
      (e) =>
        e.name === 'BeginMainThreadFrame' &&
        e.pid === start.pid &&
        e.tid === start.tid &&
        e.ts >= start.ts &&
        e.ts <= end.ts,
    )
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const intervals: number[] = [];
  for (let i = 1; i < frames.length; i++) {
    intervals.push(((frames[i] ?? 0) - (frames[i - 1] ?? 0)) / 1000);
  }
  return intervals;
}
