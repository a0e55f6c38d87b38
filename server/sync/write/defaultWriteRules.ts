import type { ServerLimits } from '../../config';
import { fieldTypesRule } from './rules/fieldTypesRule';
import { lockRule } from './rules/lockRule';
import { readOnlyRule } from './rules/readOnlyRule';
import { serverMapsRule } from './rules/serverMapsRule';
import { sizeRule } from './rules/sizeRule';
import { supportRule } from './rules/supportRule';
import { topLevelRule } from './rules/topLevelRule';
import { voteRule } from './rules/voteRule';
import type { WriteRule } from './WriteRule';

/**
 * The server's write rules, in the order they run (README, "Write rules"). A new rule is one
 * file in `rules/` and one line here; refusals first (cheapest first), then rules that put
 * entries back.
 */
export function defaultWriteRules(limits: Pick<ServerLimits, 'maxDocBytes'>): WriteRule[] {
  return [
    lockRule,
    readOnlyRule,
    topLevelRule,
    sizeRule(limits.maxDocBytes),
    serverMapsRule,
    fieldTypesRule,
    voteRule,
    supportRule,
  ];
}
