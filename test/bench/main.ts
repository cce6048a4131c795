// `npm run bench`: prints SignDesk's figures (not a test: nothing here passes or fails on a number).
// Options: --quick (1,000 requests, 1 round, 1 host start) for a fast look; --no-host skips the real
// extension hosts (first activation, and the tree with every request loaded); SIGNDESK_BENCH_REQUESTS /
// _ROUNDS / _LOAD_RUNS / _HOST_RUNS / _TREE_ROUNDS override. Timings on a shared
// machine are noisy: each figure is a median with its spread, and ratios are taken pair by pair.
import { startSandbox } from '../sandbox/dropboxSign/server';
import * as path from 'node:path';
import { activateInstructions, timeLoads } from './activation';
import { median, pairRatios, spread } from './stats';
import { repoRoot } from '../runner/paths';
import { timeHostActivation } from './hostActivation';
import * as os from 'node:os';
import { buildBundle, buildScript, githubAuthentication } from './bundle';
import { Figure, pagingFigures, startBigSandboxProcess, tokenStormFigures, viewCacheFigures } from './sandboxWorkloads';
import { treeFigures } from './treeWorkload';
import { measureHostTree } from './hostTree';
import type { Memory, RefreshFigure } from './hostTag';

const quick = process.argv.includes('--quick');
const requestCount = Number(process.env.SIGNDESK_BENCH_REQUESTS ?? (quick ? 1_000 : 10_000));
// Seven rounds: the wall ratio's median then holds while up to three rounds fall into a burst of other tenants' load.
const rounds = Number(process.env.SIGNDESK_BENCH_ROUNDS ?? (quick ? 1 : 7));
const loadRuns = Number(process.env.SIGNDESK_BENCH_LOAD_RUNS ?? (quick ? 5 : 15));
const hostRuns = process.argv.includes('--no-host') ? 0 : Number(process.env.SIGNDESK_BENCH_HOST_RUNS ?? (quick ? 1 : 3));
// Rounds of the three refreshes in the real host's tree (each round changes requests in the sandbox).
const treeRounds = Number(process.env.SIGNDESK_BENCH_TREE_ROUNDS ?? (quick ? 1 : 3));

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ratio = (n: number) => `${n.toFixed(2)}×`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** One line per goal of issue 12, printed at the end. */
interface Verdict {
  goal: string;
  /** What was measured, with its anchor. */
  figure: string;
  /** 'printed': the issue asks for the figure, with no goal. */
  met: boolean | undefined | 'printed';
}
const verdicts: Verdict[] = [];
function verdict(goal: string, figure: string, met: Verdict['met']): void {
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
  const { startup, features } = bundle;
  const startupRatio = anchor ? startup.bytes / anchor.bytes : undefined;
  const totalRatio = anchor ? bundle.totalBytes / anchor.bytes : undefined;
  const largest = (info: typeof startup) => info.largest.map((l) => ({ name: `  largest input: ${l.input}`, value: kb(l.bytes) }));
  const ratioOf = (r: number | undefined, note: string) => (r === undefined ? [] : [{ name: '  ratio to github-authentication', value: ratio(r), note }]);
  print('1. Bundle (test/build/build.js --production, as packaged; github-authentication ships one file, loaded whole at activation)', [
    {
      name: `dist/${buildScript.STARTUP_FILE} (loaded at activation)`,
      value: kb(startup.bytes),
      note: `${startup.bytes} bytes, ${kb(startup.gzipBytes)} gzipped; budget ${buildScript.STARTUP_BUDGET_BYTES} bytes (${buildScript.STARTUP_BUDGET_RATIO}×)`,
    },
    ...largest(startup),
    ...ratioOf(startupRatio, 'goal ≤ 0.70×'),
    { name: `dist/${buildScript.FEATURES_FILE} (loaded on first use)`, value: kb(features.bytes), note: `${features.bytes} bytes, ${kb(features.gzipBytes)} gzipped; send, remind, cancel, download, node-fetch` },
    ...largest(features),
    {
      name: 'total shipped (both files)',
      value: kb(bundle.totalBytes),
      note: `${bundle.totalBytes} bytes, ${kb(bundle.totalGzipBytes)} gzipped; budget ${buildScript.TOTAL_BUDGET_BYTES} bytes (${buildScript.TOTAL_BUDGET_RATIO}×)`,
    },
    ...ratioOf(totalRatio, 'the goal is stated for the bundle; the total is printed so the split cannot hide growth'),
    anchor
      ? { name: `anchor: github-authentication (VS Code ${anchor.version})`, value: kb(anchor.bytes), note: `${anchor.bytes} bytes, ${anchor.bundle}` }
      : { name: 'anchor: github-authentication', value: 'absent', note: 'install the VS Code server first (npm run test:integration does)' },
  ]);
  verdict(
    '1. bundle loaded at activation ≤ 0.70× github-authentication',
    startupRatio === undefined ? 'anchor absent' : `${ratio(startupRatio)} (${kb(startup.bytes)} / ${kb(anchor?.bytes ?? 0)})`,
    startupRatio === undefined ? undefined : startupRatio <= 0.7,
  );
  verdict(
    '1. everything shipped ≤ 0.70× github-authentication',
    totalRatio === undefined ? 'anchor absent' : `${ratio(totalRatio)} (${kb(bundle.totalBytes)} / ${kb(anchor?.bytes ?? 0)}: dist/${buildScript.STARTUP_FILE} + dist/${buildScript.FEATURES_FILE})`,
    totalRatio === undefined ? undefined : totalRatio <= 0.7,
  );
  // The brief's own line for what ships ("its bundle must stay below VS Code's own GitHub sign-in extension's").
  verdict(
    "   everything shipped below github-authentication (the brief; the build's total budget)",
    totalRatio === undefined ? 'anchor absent' : `${ratio(totalRatio)} (${bundle.totalBytes} / ${anchor?.bytes ?? 0} bytes)`,
    totalRatio === undefined ? undefined : totalRatio <= 1,
  );

  const loads = timeLoads(
    { bundle: startup.file, packageJson: path.join(repoRoot, 'package.json') },
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
    const activateIr = await activateInstructions(startup.file, path.join(repoRoot, 'package.json'));
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
        name: 'activate(), instructions',
        value: activateIr === undefined ? 'not counted' : `${(activateIr / 1e6).toFixed(2)} M`,
        note:
          activateIr === undefined
            ? 'valgrind is not installed'
            : 'valgrind (callgrind), V8 --single-threaded --predictable: a run with activate() less one without; unmoved by load, for comparing commits',
      },
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
      const host = await timeHostActivation(startup.file, hostRuns, anchor?.dir);
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
    const perPage = ([ours, sdk]: [number, number]) => `${ms(ours)} / ${ms(sdk)} a page`;
    // Two lines: the client's own CPU time is what SignDesk controls; wall time adds the sandbox's work (the
    // same for both clients) and, on a shared machine, the other tenants.
    verdict(
      '3. paging client CPU per page ≤ 0.90× the SDK',
      `${ratio(paging.cpuRatio)} (${perPage(paging.perPage.cpu)}; rounds ${paging.cpuRange})`,
      paging.cpuRatio <= 0.9,
    );
    verdict(
      '3. paging wall time per page ≤ 0.90× the SDK',
      `${ratio(paging.wallRatio)} (${perPage(paging.perPage.wall)}; rounds ${paging.wallRange})`,
      paging.wallRatio <= 0.9,
    );
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

    if (hostRuns > 0) {
      try {
        hostTreeFigures(await measureHostTree(big, startup.file, treeRounds));
      } catch (error) {
        print('4. The tree in a real extension host', [{ name: 'memory and refresh', value: 'not measured', note: error instanceof Error ? error.message : String(error) }]);
        verdict('4. the tree in a real extension host: memory, time to render a refresh', 'not measured', undefined);
      }
    }
  } finally {
    await big.close();
  }

  console.log(`\nVerdicts (issue 12; load average ${os.loadavg()[0].toFixed(1)} at the end)`);
  const mark = (met: Verdict['met']) => (met === undefined ? 'NOT MEASURED' : met === 'printed' ? 'PRINTED' : met ? 'MET    ' : 'NOT MET');
  for (const v of verdicts) console.log(`  ${mark(v.met)}  ${v.goal}: ${v.figure}`);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Section 4 in a real extension host (hostTree.ts): its memory with the view empty and full, and rounds of three refreshes. */
function hostTreeFigures(host: Awaited<ReturnType<typeof measureHostTree>>): void {
  const memory = (m: Memory) => `RSS ${mb(m.rss)}, JS heap ${mb(m.heapUsed)}`;
  const growth = { rss: host.loaded.rss - host.empty.rss, heap: host.loaded.heapUsed - host.empty.heapUsed };
  const perRequest = (bytes: number) => `${(bytes / host.requests).toFixed(0)} B per request`;
  const wall = (runs: RefreshFigure[]) => median(runs.map((r) => r.wallMs ?? NaN));
  /** Events and rows built: one line when every round agrees, else each round's. */
  const redrawn = (runs: RefreshFigure[]) => {
    const each = runs.map((r) => `${r.events.length} event(s): ${r.events.join(', ') || 'none'}; ${r.items} row(s) built by the host (${r.childLists} child list(s))`);
    return new Set(each).size === 1 ? each[0] : each.map((e, i) => `round ${i + 1}: ${e}`).join(' | ');
  };
  const timings = (runs: RefreshFigure[], withWall: boolean) =>
    `${withWall ? `rounds ${runs.map((r) => (r.wallMs ?? NaN).toFixed(0)).join(', ')} ms; ` : ''}the Refresh command ${ms(median(runs.map((r) => r.commandMs)))} [${spread(runs.map((r) => r.commandMs), 0)}]`;
  print(`4. The same tree in a real extension host (VS Code ${host.vscode} server, headless Chromium; the view open, Awaiting expanded as it opens; memory after a full GC; ${host.unchanged.length} round(s) of refreshes, median)`, [
    { name: 'requests loaded (Load more to the end)', value: String(host.requests), note: `${host.pages} pages of 100, until the workbench listed all ${host.awaitingRows} Awaiting rows: ${(host.loadMs / 1000).toFixed(1)} s` },
    { name: 'anchor: extension host, the view open and empty', value: mb(host.empty.rss), note: `${memory(host.empty)}; signed out: the same host before signing in` },
    { name: 'extension host, every request loaded', value: mb(host.loaded.rss), note: memory(host.loaded) },
    {
      name: 'growth (SignDesk with VS Code\'s tree items)',
      value: `+${mb(growth.rss)}`,
      note: `RSS ${ratio(host.loaded.rss / host.empty.rss)} the empty view's; JS heap +${mb(growth.heap)} (${perRequest(growth.heap)}); printed, no goal`,
    },
    { name: 'refresh, nothing changed', value: ms(median(host.unchanged.map((r) => r.commandMs))), note: `${redrawn(host.unchanged)}; ${timings(host.unchanged, false)}` },
    { name: 'refresh, one request changed in its group', value: ms(wall(host.sameGroup)), note: `until its row shows it; ${redrawn(host.sameGroup)}; ${timings(host.sameGroup, true)}` },
    { name: 'refresh, one request moved group', value: ms(wall(host.moved)), note: `until Awaiting lists one row fewer; ${redrawn(host.moved)}; ${timings(host.moved, true)}` },
  ]);
  verdict(
    '4. the tree in a real extension host: memory and time to render a refresh',
    `${host.requests} requests: host RSS ${mb(host.loaded.rss)} (view empty ${mb(host.empty.rss)}), JS heap +${mb(growth.heap)}; a refresh changing one request on screen in ${ms(wall(host.sameGroup))}`,
    'printed',
  );
  const onlyRow = host.sameGroup.every((r) => r.events.join() === 'one request row' && r.items === 1);
  const onlyGroups = host.moved.every((r) => r.events.length > 0 && r.events.every((e) => e.startsWith('group ')));
  verdict(
    '4. the same in the real host: only its row / its groups redrawn',
    `in its group: ${redrawn(host.sameGroup)}; moved: ${redrawn(host.moved)}`,
    onlyRow && onlyGroups,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
