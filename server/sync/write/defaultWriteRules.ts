import type { ServerLimits } from '../../config';
import { lockRule } from './rules/lockRule';
import { readOnlyRule } from './rules/readOnlyRule';
import { sizeRule } from './rules/sizeRule';
import { voteRule } from './rules/voteRule';
import type { WriteRule } from './WriteRule';

/**
 * The server's write rules, in the order they run. A new rule is one file in `rules/` and one
 * line here; refusals first (cheapest first), then rules that put entries back.
 */
export function defaultWriteRules(limits: Pick<ServerLimits, 'maxDocBytes'>): WriteRule[] {
  return [lockRule, readOnlyRule, sizeRule(limits.maxDocBytes), voteRule];
}
