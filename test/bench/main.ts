// `npm run bench`: prints SignDesk's figures (not a test: nothing here passes or fails on a number).
// Options: --quick (1,000 requests, 1 round, 1 host start) for a fast look; --no-host skips the real
// extension host; SIGNDESK_BENCH_REQUESTS / _ROUNDS / _LOAD_RUNS / _HOST_RUNS override. Timings on a shared
// machine are noisy: each figure is a median with its spread, and ratios are taken pair by pair.
import { startSandbox } from '../sandbox/dropboxSign/server';
import * as path from 'node:path';
import { timeLoads } from './activation';
import { median, pairRatios, spread } from './stats';
import { repoRoot } from '../runner/paths';
import { timeHostActivation } from './hostActivation';
import * as os from 'node:os';
import { buildBundle, buildScript, githubAuthentication } from './bundle';
import { Figure, pagingFigures, startBigSandboxProcess, tokenStormFigures, viewCacheFigures } from './sandboxWorkloads';
import { treeFigures } from './treeWorkload';

const quick = process.argv.includes('--quick');
const requestCount = Number(process.env.SIGNDESK_BENCH_REQUESTS ?? (quick ? 1_000 : 10_000));
const rounds = Number(process.env.SIGNDESK_BENCH_ROUNDS ?? (quick ? 1 : 5));
const loadRuns = Number(process.env.SIGNDESK_BENCH_LOAD_RUNS ?? (quick ? 5 : 15));
const hostRuns = process.argv.includes('--no-host') ? 0 : Number(process.env.SIGNDESK_BENCH_HOST_RUNS ?? (quick ? 1 : 3));

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ratio = (n: number) => `${n.toFixed(2)}×`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** One line per goal of issue 12, printed at the end. */
interface Verdict {
  goal: string;
  /** What was measured, with its anchor. */
  figure: string;
  met: boolean | undefined;
}
const verdicts: Verdict[] = [];
function verdict(goal: string, figure: string, met: boolean | undefined): void {
  verdicts.push({ goal, figure, met });
}

function print(section: string, figures: Figure[]): void {
  console.log(`\n${section}`);
  const width = Math.max(...figures.map((f) => f.name.length));
  const valueWidth = Math.max(...figures.map((f) => f.value.length));
  for (const f of figures) console.log(`  ${f.name.padEnd(width)}  ${f.value.padStart(valueWidth)}${f.note ? `   ${f.note}` : ''}`);
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(`SignDesk bench — Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, load average ${os.loadavg()[0].toFixed(1)} at start; ${requestCount} requests to page, ${rounds} round(s)`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for exact heap figures; npm run bench does)');

  const bundle = await buildBundle();
  const anchor = githubAuthentication();
  const bundleRatio = anchor ? bundle.bytes / anchor.bytes : undefined;
  print('1. Bundle (test/build/build.js --production, as packaged)', [
    { name: 'dist/extension.js', value: kb(bundle.bytes), note: `${bundle.bytes} bytes, ${kb(bundle.gzipBytes)} gzipped; budget ${buildScript.BUNDLE_BUDGET_BYTES} bytes` },
    ...bundle.largest.map((l) => ({ name: `  largest input: ${l.input}`, value: kb(l.bytes) })),
    anchor
      ? { name: `anchor: github-authentication (VS Code ${anchor.version})`, value: kb(anchor.bytes), note: `${anchor.bytes} bytes, ${anchor.bundle}` }
      : { name: 'anchor: github-authentication', value: 'absent', note: 'install the VS Code server first (npm run test:integration does)' },
    ...(bundleRatio === undefined ? [] : [{ name: 'ratio SignDesk / github-authentication', value: ratio(bundleRatio), note: 'goal ≤ 0.70×' }]),
  ]);
  verdict('1. bundle ≤ 0.70× github-authentication', bundleRatio === undefined ? 'anchor absent' : `${ratio(bundleRatio)} (${kb(bundle.bytes)} / ${kb(anchor?.bytes ?? 0)})`, bundleRatio === undefined ? undefined : bundleRatio <= 0.7);

  const loads = timeLoads(
    { bundle: bundle.file, packageJson: path.join(repoRoot, 'package.json') },
    anchor && { bundle: anchor.bundle, packageJson: path.join(anchor.dir, 'package.json') },
    loadRuns,
  );
  const failed = [...loads.ours, ...loads.anchor].find((r) => r.failed);
  if (failed) {
    print('Loading and activate()', [{ name: 'load', value: 'failed', note: failed.failed }]);
  } else {
    const ours = loads.ours;
    const pick = (runs: typeof ours, key: 'requireMs' | 'requireCpuMs' | 'activateMs' | 'activateCpuMs') => runs.map((r) => r[key] ?? NaN);
    const both = (runs: typeof ours, wall: 'requireMs' | 'activateMs', cpu: 'requireCpuMs' | 'activateCpuMs') =>
      `CPU ${ms(median(pick(runs, cpu)))} [${spread(pick(runs, cpu))}]; wall ${ms(median(pick(runs, wall)))} [${spread(pick(runs, wall))}]`;
    const cpuRatios = pairRatios(pick(ours, 'requireCpuMs'), pick(loads.anchor, 'requireCpuMs'));
    const wallRatios = pairRatios(pick(ours, 'requireMs'), pick(loads.anchor, 'requireMs'));
    const activateCpu = median(pick(ours, 'activateCpuMs'));
    const activateWall = median(pick(ours, 'activateMs'));
    const network = [...new Set(ours.flatMap((r) => r.networkModules ?? []))];
    const lazyLoaded = [...new Set(ours.flatMap((r) => r.lazyLoaded ?? []))];
    print(`2. Loading and activate() (a fresh Node process per run, the same fake vscode; ${loadRuns} interleaved pairs; median [min–max])`, [
      { name: 'require(), SignDesk', value: ms(median(pick(ours, 'requireCpuMs'))), note: both(ours, 'requireMs', 'requireCpuMs') },
      ...(anchor
        ? [
            { name: 'anchor: require(), github-authentication', value: ms(median(pick(loads.anchor, 'requireCpuMs'))), note: both(loads.anchor, 'requireMs', 'requireCpuMs') },
            {
              name: 'ratio SignDesk / github-authentication',
              value: ratio(median(cpuRatios)),
              note: `CPU, pair by pair [${spread(cpuRatios, 2)}]; wall ${ratio(median(wallRatios))} [${spread(wallRatios, 2)}]; goal ≤ 0.50×`,
            },
          ]
        : []),
      { name: 'activate(), SignDesk', value: ms(activateCpu), note: `${both(ours, 'activateMs', 'activateCpuMs')}; goal ≤ 5 ms; ${ours[0].commands} commands, ${ours[0].disposables} disposables` },
      {
        name: 'network during activate()',
        value: network.length ? 'possible' : 'none',
        note: network.length ? `loaded: ${network.join(', ')}` : `no socket module (net, tls, http, https) was loaded; of the modules the build loads on first use (${buildScript.LAZY_MODULES.join(', ')}), Node's loaded: ${lazyLoaded.join(', ') || 'none'}`,
      },
    ]);
    verdict(
      '2. require() ≤ 0.50× github-authentication',
      anchor ? `${ratio(median(cpuRatios))} CPU (${ms(median(pick(ours, 'requireCpuMs')))} / ${ms(median(pick(loads.anchor, 'requireCpuMs')))}), wall ${ratio(median(wallRatios))}` : 'anchor absent',
      anchor ? median(cpuRatios) <= 0.5 : undefined,
    );
    verdict('2. activate() ≤ 5 ms, no network call', `${ms(activateCpu)} CPU, ${ms(activateWall)} wall; network modules loaded: ${network.join(', ') || 'none'}`, activateCpu <= 5 && network.length === 0);
  }

  if (hostRuns > 0) {
    try {
      const host = await timeHostActivation(bundle.file, hostRuns, anchor?.dir);
      const anchorRuns = host.filter((h) => h.anchor).map((h) => h.anchor as { ms: number; wasActive: boolean });
      const hostRatios = host.filter((h) => h.anchor).map((h) => h.ms / (h.anchor as { ms: number }).ms);
      print(`2. First activation in a real extension host (VS Code ${host[0].vscode} server, headless Chromium; ${hostRuns} fresh hosts, order swapped each run; median)`, [
        {
          name: 'SignDesk: load + activate()',
          value: ms(median(host.map((h) => h.ms))),
          note: `runs: ${host.map((h) => h.ms.toFixed(0)).join(', ')} ms; ${host[0].commands} signdesk.* commands${host.some((h) => h.wasActive) ? '; WARNING: already active in some run' : ''}`,
        },
        anchorRuns.length
          ? {
              name: 'anchor: github-authentication, load + activate()',
              value: ms(median(anchorRuns.map((a) => a.ms))),
              note: `runs: ${anchorRuns.map((a) => a.ms.toFixed(0)).join(', ')} ms${anchorRuns.some((a) => a.wasActive) ? '; WARNING: already active in some run' : ''}`,
            }
          : { name: 'anchor: github-authentication', value: 'absent', note: 'not loaded in the Node extension host' },
        ...(hostRatios.length ? [{ name: 'ratio SignDesk / github-authentication', value: ratio(median(hostRatios)), note: `pair by pair [${spread(hostRatios, 2)}]; printed, no goal` }] : []),
      ]);
    } catch (error) {
      print('activate() in a real extension host', [{ name: 'first activation', value: 'not measured', note: error instanceof Error ? error.message : String(error) }]);
    }
  }

  const sb = await startSandbox();
  // The figures are about SignDesk's own calls; the sandbox's 429s would only add noise.
  sb.admin.setRateLimits({ enabled: false });
  try {
    const view = await viewCacheFigures(sb);
    const storm = await tokenStormFigures(sb);
    print('API calls and refreshes (sandbox; each at its physical limit of 1)', [...view, ...storm]);
    const atOne = [view[1], ...storm];
    verdict('   API calls to open the view twice, refreshes for 100 concurrent expired calls: still 1', atOne.map((f) => f.value).join(', '), atOne.every((f) => f.value === '1'));
  } finally {
    await sb.close();
  }

  const big = await startBigSandboxProcess(requestCount);
  try {
    const paging = await pagingFigures(big, rounds);
    print(`3. Paging ${paging.items} requests, 100 a page (SignDesk vs the official @dropbox/sign SDK, same sandbox)`, paging.figures);
    // The client's own CPU time per page is the verdict's figure: wall time adds the sandbox's work and, on a
    // shared machine, mostly the other tenants.
    verdict('3. paging time per page ≤ 0.90× the SDK', `${ratio(paging.cpuRatio)} client CPU per page (the verdict's figure), wall ${ratio(paging.wallRatio)}`, paging.cpuRatio <= 0.9);
    verdict('3. paging heap ≤ 0.70× the SDK', `${ratio(paging.heapRatio)} over ${paging.items} requests`, paging.heapRatio <= 0.7);

    const tree = await treeFigures(big);
    print('4. The Signature Requests tree with every request loaded (fake vscode host; groups expanded)', tree.figures);
    const onlyRow = tree.sameGroupEvents.length === 1 && tree.sameGroupEvents[0] === 'one request row';
    const onlyGroups = tree.movedEvents.length > 0 && tree.movedEvents.every((e) => e.startsWith('group '));
    verdict(
      '4. a refresh changing one request redraws only its row / its groups',
      `in its group: ${tree.sameGroupEvents.join(', ') || 'no event'}; moved: ${tree.movedEvents.join(', ') || 'no event'}`,
      onlyRow && onlyGroups,
    );
  } finally {
    await big.close();
  }

  console.log(`\nVerdicts (issue 12; load average ${os.loadavg()[0].toFixed(1)} at the end)`);
  for (const v of verdicts) console.log(`  ${v.met === undefined ? 'NOT MEASURED' : v.met ? 'MET    ' : 'NOT MET'}  ${v.goal}: ${v.figure}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
