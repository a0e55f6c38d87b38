import { describe, expect, it } from 'vitest';
import { ACTIONS, can, type Action, type Principal } from '../../shared/roles';

const staff: Principal = {
  tokenId: 's',
  role: 'staff',
  name: 'Staf',
  eventId: null,
  boardId: null,
};
const moderator: Principal = {
  tokenId: 'm',
  role: 'moderator',
  name: 'Mod',
  eventId: 'e1',
  boardId: null,
};
const participant: Principal = {
  tokenId: 'p',
  role: 'participant',
  name: 'Ani',
  eventId: 'e1',
  boardId: 'e1-juai',
};

const own = { eventId: 'e1', boardId: 'e1-juai' };
const sameEventOtherBoard = { eventId: 'e1', boardId: 'e1-halong' };
const otherEvent = { eventId: 'e2', boardId: 'e2-juai' };

describe('the role matrix', () => {
  it('lets staff do everything and nobody without a token do anything', () => {
    for (const action of ACTIONS) {
      expect(can(staff, action, otherEvent)).toBe(true);
      expect(can(null, action, own)).toBe(false);
    }
  });

  it('lets a moderator run every board of their own event only, without staff powers', () => {
    const moderatorActions: Action[] = [
      'event:read',
      'event:export',
      'board:control',
      'board:merge',
      'board:read',
      'board:write',
    ];
    for (const action of ACTIONS) {
      expect(can(moderator, action, sameEventOtherBoard)).toBe(moderatorActions.includes(action));
      expect(can(moderator, action, otherEvent)).toBe(false);
    }
  });

  it('lets a participant read and write their one board and nothing else', () => {
    for (const action of ACTIONS) {
      const expected = action === 'board:read' || action === 'board:write';
      expect(can(participant, action, own)).toBe(expected);
      expect(can(participant, action, sameEventOtherBoard)).toBe(false);
      expect(can(participant, action, { eventId: 'e2', boardId: 'e1-juai' })).toBe(false);
    }
  });
});
