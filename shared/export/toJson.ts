import type { IssueMap } from '../issueMap/types';

/** The issue map as pretty JSON (two-space indent, trailing newline); times stay ISO UTC. */
export function toJson(map: IssueMap): string {
  return `${JSON.stringify(map, null, 2)}\n`;
}
