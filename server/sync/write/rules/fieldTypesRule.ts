import * as Y from 'yjs';
import { ACCEPT, revert, type MapKey, type WriteRule } from '../WriteRule';
import { isParticipantWrite } from './participantOnly';

type FieldCheck = (value: unknown) => boolean;

const text: FieldCheck = (v) => typeof v === 'string';
const textOrNull: FieldCheck = (v) => v === null || typeof v === 'string';
const finite: FieldCheck = (v) => typeof v === 'number' && Number.isFinite(v);
const plainObject: FieldCheck = (v) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType);
const author: FieldCheck = (v) =>
  plainObject(v) &&
  typeof (v as { id?: unknown }).id === 'string' &&
  typeof (v as { name?: unknown }).name === 'string';

/** The fields of a card and of a cluster, as shared/board/boardModel.ts writes them. */
export const FIELD_TYPES: Readonly<Record<'cards' | 'clusters', ReadonlyMap<string, FieldCheck>>> =
  {
    cards: new Map([
      ['text', text],
      ['desaKode', textOrNull],
      ['bidang', textOrNull],
      ['x', finite],
      ['y', finite],
      ['clusterId', textOrNull],
      ['author', author],
      ['createdAt', finite],
      ['source', plainObject],
    ]),
    clusters: new Map([
      ['title', text],
      ['x', finite],
      ['y', finite],
      ['w', finite],
      ['h', finite],
      ['createdAt', finite],
    ]),
  };

/**
 * Cards and clusters keep their types: each is a Y.Map whose known fields hold what the board
 * model writes, and whose other fields (a newer client's) hold plain values, not shared types.
 * Judged on the result, after the write and whatever it released from Yjs's pending queue
 * (a field can arrive held back); a card or cluster found broken is put back whole.
 */
export const fieldTypesRule: WriteRule = {
  name: 'field-types',
  check: ({ who, touched }) => {
    if (!isParticipantWrite(who)) return ACCEPT;
    const keys: MapKey[] = [];
    for (const map of ['cards', 'clusters'] as const) {
      for (const key of touched.maps.get(map)?.keys() ?? []) keys.push({ map, key });
    }
    return revert('field-type', keys, (doc, { map, key }) => !keepsTypes(doc, map, key));
  },
};

function keepsTypes(doc: Y.Doc, map: string, key: string): boolean {
  const value: unknown = doc.getMap(map).get(key);
  if (value === undefined) return true;
  if (!(value instanceof Y.Map)) return false;
  const fields = FIELD_TYPES[map as keyof typeof FIELD_TYPES];
  for (const [field, fieldValue] of value.entries() as IterableIterator<[string, unknown]>) {
    const check = fields.get(field);
    if (check ? !check(fieldValue) : fieldValue instanceof Y.AbstractType) return false;
  }
  return true;
}
