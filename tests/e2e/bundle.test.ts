import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from './support/clientBuild';

const DIST = path.resolve(import.meta.dirname, '../../client/dist');
const CDN_HOSTS =
  /https?:\/\/(cdn\.tldraw\.com|unpkg\.com|cdn\.jsdelivr\.net|fonts\.googleapis\.com|fonts\.gstatic\.com)/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

describe('the built client', () => {
  beforeAll(() => ensureClientBuilt());

  it('names no CDN, not even as a default the app overrides (the hall has no internet)', () => {
    const offenders = files(DIST)
      .filter((file) => /\.(js|css|html)$/.test(file))
      .filter((file) => CDN_HOSTS.test(fs.readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('points tldraw’s default asset base at the copy the server serves', () => {
    const js = files(DIST)
      .filter((file) => file.endsWith('.js'))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    expect(js).toContain('/tldraw-assets');
  });
});
