import { useEffect, useState } from 'react';
import { isBoardId } from '../../shared/protocol';
import type { Bidang } from '../../shared/taxonomy';
import { apiRequest, type ApiFailure } from './apiRequest';

/** An event as our pages need it from GET /api/events/:id. */
export interface EventInfo {
  id: string;
  title: string;
  year: number | null;
  kabupaten: string;
  boards: {
    id: string;
    kind: 'kecamatan' | 'merged';
    kecamatanKode: string | null;
    title: string;
  }[];
  /** Bidang colours by id (the issue map's taxonomy carries no colours). */
  bidangColor: Map<string, Bidang['color']>;
}

/** Parses GET /api/events/:id (untrusted); null when unusable. */
export function parseEventInfo(raw: unknown): EventInfo | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { event, boards } = raw as Record<string, unknown>;
  if (typeof event !== 'object' || event === null) return null;
  const e = event as Record<string, unknown>;
  if (typeof e.id !== 'string' || typeof e.title !== 'string') return null;
  const kab = e.kabupaten as { nama?: unknown } | null | undefined;
  const bidangColor = new Map<string, Bidang['color']>();
  if (Array.isArray(e.taxonomy)) {
    for (const b of e.taxonomy as unknown[]) {
      const r = (typeof b === 'object' && b !== null ? b : {}) as Record<string, unknown>;
      if (typeof r.id === 'string' && typeof r.color === 'string')
        bidangColor.set(r.id, r.color as Bidang['color']);
    }
  }
  return {
    id: e.id,
    title: e.title.slice(0, 300),
    year: typeof e.year === 'number' ? e.year : null,
    kabupaten: typeof kab?.nama === 'string' ? kab.nama : '',
    boards: Array.isArray(boards)
      ? boards.flatMap((b: unknown) => {
          if (typeof b !== 'object' || b === null) return [];
          const r = b as Record<string, unknown>;
          if (!isBoardId(r.id)) return [];
          return [
            {
              id: r.id,
              kind: r.kind === 'merged' ? ('merged' as const) : ('kecamatan' as const),
              kecamatanKode: typeof r.kecamatanKode === 'string' ? r.kecamatanKode : null,
              title: typeof r.title === 'string' ? r.title.slice(0, 300) : r.id,
            },
          ];
        })
      : [],
    bidangColor,
  };
}

/** The event's details: undefined while loading, or the failure. */
export function useEventInfo(
  eventId: string,
  token: string | null,
): EventInfo | ApiFailure | undefined {
  const [info, setInfo] = useState<EventInfo | ApiFailure | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void apiRequest(`/api/events/${encodeURIComponent(eventId)}`, { token }).then((r) => {
      if (!live) return;
      if (!r.ok) setInfo(r.error);
      else
        setInfo(
          parseEventInfo(r.data) ?? {
            status: 500,
            code: 'internal',
            details: undefined,
            retryAfterSeconds: null,
          },
        );
    });
    return () => {
      live = false;
    };
  }, [eventId, token]);
  return info;
}

/** True when the value is a failure, not the event. */
export function isFailure(value: EventInfo | ApiFailure): value is ApiFailure {
  return 'code' in value && 'status' in value;
}
