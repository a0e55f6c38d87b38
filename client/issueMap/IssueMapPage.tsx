import { useEffect, useMemo, useState } from 'react';
import type { IssueMap } from '../../shared/issueMap/types';
import { apiRequest, type ApiFailure } from '../common/apiRequest';
import { PageError } from '../common/PageError';
import { PageHeader } from '../common/PageHeader';
import { isFailure, useEventInfo } from '../common/useEventInfo';
import { takeAccessToken } from '../config/accessToken';
import { useI18n } from '../i18n/I18nProvider';
import { BidangBars } from './BidangBars';
import { bidangColor } from './bidangPalette';
import { Drilldown } from './Drilldown';
import { HeatTable } from './HeatTable';
import { KabupatenIssues } from './KabupatenIssues';
import { parseIssueMap } from './parseIssueMap';
import { TopIssues } from './TopIssues';

/** Route /e/<eventId>/peta: the issue map, as pictures first. */
export function IssueMapPage({ eventId }: { eventId: string }) {
  const { messages } = useI18n();
  const token = useMemo(() => takeAccessToken(), []);
  const event = useEventInfo(eventId, token);
  const [map, setMap] = useState<IssueMap | ApiFailure | null>(null);

  useEffect(() => {
    let live = true;
    void apiRequest(`/api/events/${encodeURIComponent(eventId)}/issue-map.json`, { token }).then(
      (r) => {
        if (!live) return;
        const parsed = r.ok ? parseIssueMap(r.data) : null;
        setMap(
          r.ok
            ? (parsed ?? {
                status: 500,
                code: 'internal',
                details: undefined,
                retryAfterSeconds: null,
              })
            : r.error,
        );
      },
    );
    return () => {
      live = false;
    };
  }, [eventId, token]);

  if (map !== null && 'code' in map) return <PageError error={map} />;
  if (map === null) return <main className="page-message">{messages.loading}</main>;
  const colors = event !== undefined && !isFailure(event) ? event.bidangColor : new Map();
  const colorOf = (id: string | null) => bidangColor(colors, map.taxonomy, id);
  const s = map.summary;

  return (
    <main className="page" data-testid="issue-map">
      <PageHeader
        title={messages.issueMapTitle}
        subtitle={`${map.event.title} · ${map.event.kabupaten.nama}`}
        back={{ href: `/m/${encodeURIComponent(eventId)}`, label: messages.consoleTitle }}
      />
      <section className="stat-tiles" aria-label={messages.summary}>
        <Stat value={s.cards} label={messages.problems} />
        <Stat value={s.issues} label={messages.strategicIssues} />
        <Stat value={s.kabupatenIssues} label={messages.kabupatenIssues} />
        <Stat value={s.desaReached} label={messages.desaReached} />
        <Stat value={s.kecamatanReached} label={messages.kecamatanReached} />
        <Stat value={s.votes} label={messages.countVotes} />
      </section>
      <div className="map-grid">
        <section className="panel">
          <h2>{messages.heatTitle}</h2>
          <HeatTable map={map} />
        </section>
        <section className="panel">
          <h2>{messages.perBidang}</h2>
          <BidangBars map={map} colorOf={colorOf} />
        </section>
      </div>
      <section className="panel">
        <h2>{messages.topIssues}</h2>
        <TopIssues map={map} colorOf={colorOf} />
      </section>
      <section className="panel">
        <h2>{messages.kabupatenIssues}</h2>
        <KabupatenIssues map={map} colorOf={colorOf} />
      </section>
      <section className="panel">
        <h2>{messages.drilldown}</h2>
        <Drilldown map={map} colorOf={colorOf} />
      </section>
    </main>
  );
}

function Stat({ value, label }: { value: number; label: string }) {
  return (
    <div className="stat">
      <strong>{value}</strong>
      <span>{label}</span>
    </div>
  );
}
