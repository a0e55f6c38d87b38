import type { Messages } from '../i18n/id';
import type { RestoreSummaryView } from './parseHistory';

/** "12 kartu kembali, 2 kartu dihapus, 1 isu berganti nama." — or that nothing would change. */
export function summaryText(messages: Messages, s: RestoreSummaryView): string {
  const parts = [
    s.cards.back > 0 && messages.historyCardsBack(s.cards.back),
    s.cards.removed > 0 && messages.historyCardsRemoved(s.cards.removed),
    s.cards.changed > 0 && messages.historyCardsChanged(s.cards.changed),
    s.clusters.back > 0 && messages.historyClustersBack(s.clusters.back),
    s.clusters.removed > 0 && messages.historyClustersRemoved(s.clusters.removed),
    s.clusters.renamed > 0 && messages.historyClustersRenamed(s.clusters.renamed),
    s.votes > 0 && messages.historyVotesChanged(s.votes),
    s.canvas > 0 && messages.historyDrawingsChanged(s.canvas),
    s.titleChanges && messages.historyTitleChanged,
  ].filter((p): p is string => typeof p === 'string');
  return parts.length === 0 ? messages.historyNoChange : `${parts.join(', ')}.`;
}

/** "Peserta Ani" for a point's or alarm's `role:name`. */
export function whoText(messages: Messages, role: string, name: string): string {
  const roles: Record<string, string> = {
    participant: messages.roleParticipant,
    moderator: messages.roleModerator,
    staff: messages.roleStaff,
  };
  const label = roles[role];
  return label ? `${label} ${name}` : name || role;
}
