import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  balancerConfig,
  HAPROXY_BINARY,
  haproxyInstalled,
  PIN_COOKIE,
  SHIPPED_HAPROXY_CONFIG,
} from '../helpers/haproxyProcess';
import { makeTempDir } from '../helpers/tempDir';

const run = promisify(execFile);
const installed = await haproxyInstalled();
if (!installed) {
  const why = 'the HAProxy configuration checks need haproxy, which is missing';
  if (process.env.PAPAN_REQUIRE_SCALED === '1') throw new Error(`${why} (PAPAN_REQUIRE_SCALED=1)`);
  console.warn(`Skipping: ${why}. Set HAPROXY_PATH if it is installed elsewhere.`);
}
const temp = makeTempDir('papan-haproxy-cfg-');
afterAll(() => temp.remove());

const servers = [
  { name: 'papan1', url: 'http://127.0.0.1:18081' },
  { name: 'papan2', url: 'http://127.0.0.1:18082' },
];

describe('the generated test configuration', () => {
  it('keeps the shipped health check, tunnel timeout and path hash, with the test ports', () => {
    const config = balancerConfig({ port: 18080, servers, pin: true });
    expect(config).toContain('bind 127.0.0.1:18080');
    expect(config).toContain('option httpchk GET /healthz');
    expect(config).toContain('timeout tunnel 1h');
    expect(config).toContain('balance uri path-only');
    expect(config).toMatch(/server papan1 127\.0\.0\.1:18081\n\s+server papan2 127\.0\.0\.1:18082/);
    expect(config).not.toContain(':8083');
    expect(config).toContain(`use-server papan2 if { req.cook(${PIN_COOKIE}) -m str papan2 }`);
    expect(balancerConfig({ port: 1, servers, balance: 'roundrobin' })).toContain(
      'balance roundrobin',
    );
  });
});

describe.runIf(installed)('haproxy -c', () => {
  it('accepts the shipped deploy/haproxy.cfg', async () => {
    const { stdout } = await run(HAPROXY_BINARY, ['-c', '-f', SHIPPED_HAPROXY_CONFIG]);
    expect(stdout).toContain('Configuration file is valid');
  });

  it('accepts the configuration generated for the tests', async () => {
    const file = path.join(temp.dir, 'haproxy.cfg');
    fs.writeFileSync(file, balancerConfig({ port: 18080, servers, pin: true }));
    const { stdout } = await run(HAPROXY_BINARY, ['-c', '-f', file]);
    expect(stdout).toContain('Configuration file is valid');
  });
});
