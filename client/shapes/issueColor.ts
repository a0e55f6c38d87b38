import type { TLDefaultColorStyle } from 'tldraw';

/** tldraw colours an issue frame may take: light enough that the cards on it stay readable. */
const ISSUE_COLORS: readonly TLDefaultColorStyle[] = [
  'light-blue',
  'light-green',
  'orange',
  'light-violet',
  'yellow',
  'light-red',
  'green',
  'violet',
];

/** The colour of an issue, from its id: the same on every tablet, without storing it. */
export function issueColor(clusterId: string): TLDefaultColorStyle {
  let hash = 0;
  for (let i = 0; i < clusterId.length; i++) hash = (hash * 31 + clusterId.charCodeAt(i)) >>> 0;
  return ISSUE_COLORS[hash % ISSUE_COLORS.length] ?? 'light-blue';
}
