/**
 * `npm run bench [-- --quick] [-- --only <scenario>] [-- --servers ours,reference]`: runs the
 * scenarios against our server and the reference servers, each a child process on 127.0.0.1,
 * and writes bench/RESULTS.md and bench/out/results.json. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BenchServer, ChildRegistry, REPO_ROOT, type ServerKind } from './lib/BenchServer';
import { LoadGenerator } from './lib/LoadGenerator';
import { machineInfo, packageVersions } from './lib/machine';
import { renderMarkdown, type BenchReport } from './lib/report';
import type { ScenarioContext, ScenarioResult } from './lib/scenario';
import { checkTargets } from './lib/targets';
import { breakoutScenario } from './scenarios/breakout';
import { clientScenario } from './scenarios/client';
import { coldLoadScenario } from './scenarios/coldLoad';
import { conversionScenario } from './scenarios/conversion';
import { durableAppendScenario } from './scenarios/durableAppend';
import { fanOutScenario } from './scenarios/fanOut';
import { httpRoutesScenario } from './scenarios/httpRoutes';
import { joinStormScenario } from './scenarios/joinStorm';
import { memoryScenario } from './scenarios/memory';
import { scaledScenario } from './scenarios/scaled';
import { instancesScenario } from './scenarios/instances';
import { balancedJoinScenario } from './scenarios/balancedJoin';

const SCENARIOS: Record<string, (ctx: ScenarioContext) => Promise<ScenarioResult>> = {
  breakout: breakoutScenario,
  fanout: fanOutScenario,
  joinstorm: joinStormScenario,
  append: durableAppendScenario,
  coldload: coldLoadScenario,
  memory: memoryScenario,
  conversion: conversionScenario,
  client: clientScenario,
  http: httpRoutesScenario,
  scaled: scaledScenario,
  instances: instancesScenario,
  lbjoin: balancedJoinScenario,
};
const ALL_SERVERS: ServerKind[] = ['ours', 'reference', 'hocuspocus'];

function parseCli() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      servers: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      `usage: npm run bench -- [--quick] [--only ${Object.keys(SCENARIOS).join('|')}[,...]] ` +
        '[--servers ours,reference,hocuspocus] [--cpu-prof <dir>]',
    );
    process.exit(0);
  }
  const only = values.only?.split(',').map((s) => s.trim().toLowerCase()) ?? Object.keys(SCENARIOS);
  for (const name of only) {
    if (!Object.hasOwn(SCENARIOS, name)) throw new Error(`unknown scenario "${name}"`);
  }
  const servers = (values.servers?.split(',').map((s) => s.trim()) ?? ALL_SERVERS).map((s) => {
    if (!ALL_SERVERS.includes(s as ServerKind)) throw new Error(`unknown server "${s}"`);
    return s as ServerKind;
  });
  return { quick: values.quick, only, servers, cpuProfDir: values['cpu-prof'] };
}

/** Starts a peer once to see whether it runs here at all (Hocuspocus on this Node, say). */
async function usableServers(wanted: ServerKind[], children: ChildRegistry, skipped: string[]) {
  const usable: ServerKind[] = [];
  for (const kind of wanted) {
    try {
      const server = await BenchServer.start(kind, children);
      await server.stop();
      server.cleanup();
      usable.push(kind);
    } catch (error) {
      skipped.push(`${kind}: did not start (${String(error).split('\n')[0]})`);
    }
  }
  return usable;
}

async function main(): Promise<void> {
  const cli = parseCli();
  const started = performance.now();
  const children = new ChildRegistry();
  const onSignal = () => {
    children.killAll();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const generator = new LoadGenerator(2);
  const skipped: string[] = [];
  const results: ScenarioResult[] = [];
  let exitCode = 0;
  try {
    const servers = await usableServers(cli.servers, children, skipped);
    let clientNo = 1;
    const ctx: ScenarioContext = {
      quick: cli.quick,
      servers,
      generator,
      children,
      startServer: (kind, options) =>
        BenchServer.start(kind, children, {
          ...options,
          ...(cli.cpuProfDir && kind === 'ours' ? { cpuProfDir: cli.cpuProfDir } : {}),
        }),
      clientNo: () => clientNo++,
      log: (message) =>
        console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`),
    };
    for (const name of cli.only) {
      const scenario = SCENARIOS[name];
      if (!scenario) continue;
      ctx.log(`== ${name}`);
      try {
        results.push(await scenario(ctx));
      } catch (error) {
        // One broken scenario must not hide the others' figures.
        exitCode = 1;
        console.error(`scenario ${name} failed:`, error);
        results.push({
          scenario: name,
          title: name,
          figures: [],
          notes: [`FAILED: ${String(error)}`],
        });
      }
    }
    const report: BenchReport = {
      quick: cli.quick,
      machine: machineInfo(),
      versions: packageVersions(),
      servers,
      skipped,
      targets: checkTargets(results, cli.quick),
      scenarios: results,
      durationSeconds: (performance.now() - started) / 1000,
    };
    const outDir = path.join(REPO_ROOT, 'bench', 'out');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
    const markdown = renderMarkdown(report);
    // A partial or quick run writes next to results.json, so it never replaces the full table.
    const full = !cli.quick && cli.only.length === Object.keys(SCENARIOS).length;
    const mdPath = full
      ? path.join(REPO_ROOT, 'bench', 'RESULTS.md')
      : path.join(outDir, 'RESULTS.md');
    writeFileSync(mdPath, markdown);
    console.log(markdown);
    console.log(`wrote ${path.relative(REPO_ROOT, mdPath)} and bench/out/results.json`);
  } finally {
    await generator.destroy();
    children.killAll();
  }
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
