import { readFileSync } from 'node:fs';
import { parseGazetteerCsv } from '../../shared/gazetteer/parseGazetteerCsv';
import type { Gazetteer } from '../../shared/gazetteer/types';

/** Path of the default gazetteer (Kabupaten Balangan, Kemendagri codes) shipped in the repo. */
export const DEFAULT_GAZETTEER_URL = new URL(
  '../../shared/data/wilayah-balangan.csv',
  import.meta.url,
);

/** Reads and parses the default Balangan gazetteer; throws if the shipped file is broken. */
export function loadDefaultGazetteer(): Gazetteer {
  const result = parseGazetteerCsv(readFileSync(DEFAULT_GAZETTEER_URL, 'utf8'));
  if (!result.ok)
    throw new Error(`default gazetteer is invalid: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result.gazetteer;
}
