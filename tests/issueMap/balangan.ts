import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGazetteerCsv } from '../../shared/gazetteer/parseGazetteerCsv';
import type { Gazetteer } from '../../shared/gazetteer/types';

/** The Balangan gazetteer shipped in shared/data, parsed (throws if the data file is broken). */
export function balanganGazetteer(): Gazetteer {
  const path = fileURLToPath(new URL('../../shared/data/wilayah-balangan.csv', import.meta.url));
  const result = parseGazetteerCsv(readFileSync(path, 'utf8'));
  if (!result.ok) throw new Error(`wilayah-balangan.csv: ${JSON.stringify(result.errors)}`);
  return result.gazetteer;
}
