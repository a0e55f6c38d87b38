import { CLOSE_CODES } from '../../../../shared/protocol';
import { ACCEPT, refuse, type WriteRule } from '../WriteRule';

/**
 * No write takes the document past `maxDocBytes`, so one board cannot fill the disk. A client
 * is closed (its next edits would be refused too); server code gets an error. Peers relay what
 * their instance already checked and stored.
 */
export function sizeRule(maxDocBytes: number): WriteRule {
  return {
    name: 'size',
    check: ({ who, wouldExceed }) => {
      if (who.kind === 'peer' || !wouldExceed(maxDocBytes)) return ACCEPT;
      return refuse('document-too-large', {
        code: CLOSE_CODES.documentTooLarge,
        reason: 'board size limit reached',
      });
    },
  };
}
