import { useEffect, useRef, useState } from 'react';
import { reconnectDelay } from '../sync/reconnectDelay';
import { apiRequest } from '../common/apiRequest';
import { callKey, type CallGroup } from './groupCalls';
import { parseAlarm, type DeletionAlarmView } from './parseHistory';
import {
  mergeLiveBoards,
  parseCall,
  parseLiveSnapshot,
  type FacilitatorCall,
  type LiveBoard,
} from './parseLive';

export interface LiveState {
  boards: LiveBoard[] | null;
  /** Server clock minus ours, in ms (timers count down by the server's clock). */
  clockOffset: number;
  connected: boolean;
  calls: FacilitatorCall[];
  /** Mass-deletion alarms not yet handled, newest first (at most one per board). */
  alarms: DeletionAlarmView[];
  dismissAlarm(boardId: string): void;
  /** Takes away the calls of one person (a call that arrives later shows again). */
  dismissCalls(group: CallGroup): void;
  /**
   * Takes a board list the API answered after a control change, without waiting; `appliedAt`
   * (the server's clock) keeps it over snapshots whose control was read before the change.
   */
  patchControl(
    boards: readonly { id: string; control: LiveBoard['control'] }[],
    appliedAt: number | null,
  ): void;
}

const MAX_CALLS = 50;

/**
 * The event's boards, live: `/live` first, then the SSE stream, reopened with a growing,
 * jittered delay whenever it drops (the hall WiFi).
 */
export function useLiveBoards(eventId: string, token: string | null): LiveState {
  const [boards, setBoards] = useState<LiveBoard[] | null>(null);
  const [clockOffset, setClockOffset] = useState(0);
  const [connected, setConnected] = useState(false);
  const [calls, setCalls] = useState<FacilitatorCall[]>([]);
  const [alarms, setAlarms] = useState<DeletionAlarmView[]>([]);
  const attempts = useRef(0);
  // Per board, when the server applied this console's last control change to it.
  const changedAt = useRef(new Map<string, number>());

  useEffect(() => {
    let live = true;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const take = (raw: unknown) => {
      const snapshot = parseLiveSnapshot(raw);
      if (!snapshot || !live) return;
      setBoards((shown) => mergeLiveBoards(shown, snapshot, changedAt.current));
      setClockOffset(snapshot.now - Date.now());
    };
    void apiRequest(`/api/events/${encodeURIComponent(eventId)}/live`, { token }).then((r) => {
      if (r.ok) take(r.data);
    });
    const open = () => {
      const query = token ? `?token=${encodeURIComponent(token)}` : '';
      source = new EventSource(`/api/events/${encodeURIComponent(eventId)}/stream${query}`);
      source.addEventListener('open', () => {
        attempts.current = 0;
        if (live) setConnected(true);
      });
      source.addEventListener('live', (e) => {
        try {
          take(JSON.parse((e as MessageEvent<string>).data));
        } catch {
          // A garbled message: the next one brings the full state again.
        }
      });
      source.addEventListener('call', (e) => {
        try {
          const call = parseCall(JSON.parse((e as MessageEvent<string>).data));
          if (call && live) setCalls((list) => [call, ...list].slice(0, MAX_CALLS));
        } catch {
          // Ignore a garbled call.
        }
      });
      source.addEventListener('alarm', (e) => {
        try {
          const alarm = parseAlarm(JSON.parse((e as MessageEvent<string>).data));
          if (alarm && live)
            setAlarms((list) => [alarm, ...list.filter((a) => a.boardId !== alarm.boardId)]);
        } catch {
          // Ignore a garbled alarm; the board's history lists the point.
        }
      });
      source.addEventListener('error', () => {
        source?.close();
        source = null;
        if (!live) return;
        setConnected(false);
        retry = setTimeout(open, reconnectDelay(attempts.current++));
      });
    };
    open();
    return () => {
      live = false;
      source?.close();
      if (retry) clearTimeout(retry);
    };
  }, [eventId, token]);

  return {
    boards,
    clockOffset,
    connected,
    calls,
    alarms,
    dismissAlarm: (boardId) => setAlarms((list) => list.filter((a) => a.boardId !== boardId)),
    dismissCalls: (group) =>
      setCalls((list) => list.filter((c) => callKey(c) !== group.key || c.at > group.lastAt)),
    patchControl: (changed, appliedAt) => {
      if (appliedAt !== null) for (const c of changed) changedAt.current.set(c.id, appliedAt);
      setBoards((list) =>
        list === null
          ? list
          : list.map((b) => {
              const next = changed.find((c) => c.id === b.id);
              return next ? { ...b, control: next.control } : b;
            }),
      );
    },
  };
}
