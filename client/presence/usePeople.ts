import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { parsePresenceState, type PresenceState } from './presenceState';

/** Everyone on the board now (one entry per connected tab), ourselves first. */
export function usePeople(
  awareness: Awareness,
): { clientId: number; user: PresenceState['user'] }[] {
  const [people, setPeople] = useState<{ clientId: number; user: PresenceState['user'] }[]>([]);
  useEffect(() => {
    const update = () => {
      const next: { clientId: number; user: PresenceState['user'] }[] = [];
      awareness.getStates().forEach((raw, clientId) => {
        const state = parsePresenceState(raw);
        if (state) next.push({ clientId, user: state.user });
      });
      next.sort((a, b) =>
        a.clientId === awareness.clientID
          ? -1
          : b.clientId === awareness.clientID
            ? 1
            : a.user.name.localeCompare(b.user.name),
      );
      // A cursor move (everyone's, 10 times a second) changes no one here: keep the list, so
      // the bar above the board does not re-render with every move in the room.
      setPeople((prev) => (samePeople(prev, next) ? prev : next));
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness]);
  return people;
}

function samePeople(
  a: readonly { clientId: number; user: PresenceState['user'] }[],
  b: readonly { clientId: number; user: PresenceState['user'] }[],
): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i];
      return (
        q !== undefined &&
        p.clientId === q.clientId &&
        p.user.id === q.user.id &&
        p.user.name === q.user.name &&
        p.user.color === q.user.color
      );
    })
  );
}
