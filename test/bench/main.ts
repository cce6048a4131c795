// `npm run bench`: prints SignDesk's figures (not a test: nothing here passes or fails on a number).
// Options: --quick (1,000 requests, 1 round, 1 host start) for a fast look; --no-host skips the real
// extension host; SIGNDESK_BENCH_REQUESTS / _ROUNDS / _HOST_RUNS override.
import { startSandbox } from '../sandbox/server';
import { timeActivation } from './activation';
import { timeHostActivation } from './hostActivation';
import * as os from 'node:os';
import { buildBundle, buildScript, githubAuthentication } from './bundle';
import { Figure, pagingFigures, tokenStormFigures, viewCacheFigures } from './sandboxWorkloads';

const quick = process.argv.includes('--quick');
const requestCount = Number(process.env.SIGNDESK_BENCH_REQUESTS ?? (quick ? 1_000 : 10_000));
const rounds = Number(process.env.SIGNDESK_BENCH_ROUNDS ?? (quick ? 1 : 3));
const hostRuns = process.argv.includes('--no-host') ? 0 : Number(process.env.SIGNDESK_BENCH_HOST_RUNS ?? (quick ? 1 : 3));

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ratio = (n: number) => `${n.toFixed(2)}×`;

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
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
  print('Bundle (scripts/build.js --production, as packaged)', [
    { name: 'dist/extension.js', value: kb(bundle.bytes), note: `${bundle.bytes} bytes, ${kb(bundle.gzipBytes)} gzipped; budget ${buildScript.BUNDLE_BUDGET_BYTES} bytes` },
    ...bundle.largest.map((l) => ({ name: `  largest input: ${l.input}`, value: kb(l.bytes) })),
    anchor
      ? { name: `anchor: github-authentication (VS Code ${anchor.version})`, value: kb(anchor.bytes), note: `${anchor.bytes} bytes, ${anchor.bundle}` }
      : { name: 'anchor: github-authentication', value: 'absent', note: 'install the VS Code server first (npm run test:integration does)' },
    ...(bundleRatio === undefined ? [] : [{ name: 'ratio SignDesk / github-authentication', value: ratio(bundleRatio), note: 'goal ≤ 0.70×' }]),
  ]);
  verdict('1. bundle ≤ 0.70× github-authentication', bundleRatio === undefined ? 'anchor absent' : `${ratio(bundleRatio)} (${kb(bundle.bytes)} / ${kb(anchor?.bytes ?? 0)})`, bundleRatio === undefined ? undefined : bundleRatio <= 0.7);

  const runs = timeActivation(bundle.file, 5);
  const failed = runs.find((r) => r.failed);
  print(
    'activate() (cold Node process per run, stubbed vscode API; median of 5)',
    failed
      ? [{ name: 'activate()', value: 'failed', note: failed.failed }]
      : [
          { name: 'load the bundle (require)', value: `${median(runs.map((r) => r.requireMs)).toFixed(1)} ms` },
          { name: 'activate()', value: `${median(runs.map((r) => r.activateMs)).toFixed(1)} ms`, note: `${runs[0].commands} commands, ${runs[0].disposables} disposables registered` },
        ],
  );

  if (hostRuns > 0) {
    try {
      const host = await timeHostActivation(bundle.file, hostRuns);
      print(`activate() in a real extension host (VS Code ${host[0].vscode} server, headless Chromium; median of ${hostRuns} fresh hosts)`, [
        {
          name: 'first activation: load + activate()',
          value: `${median(host.map((h) => h.ms)).toFixed(1)} ms`,
          note: `runs: ${host.map((h) => h.ms.toFixed(0)).join(', ')} ms; ${host[0].commands} signdesk.* commands${host.some((h) => h.wasActive) ? '; WARNING: already active in some run' : ''}`,
        },
      ]);
    } catch (error) {
      print('activate() in a real extension host', [{ name: 'first activation', value: 'not measured', note: error instanceof Error ? error.message : String(error) }]);
    }
  }

  const sb = await startSandbox();
  // The figures are about SignDesk's own calls; the sandbox's 429s would only add noise.
  sb.admin.setRateLimits({ enabled: false });
  try {
    print('Opening the view (sandbox)', await viewCacheFigures(sb));
    print('Expired token (sandbox)', await tokenStormFigures(sb));
  } finally {
    await sb.close();
  }

  print(`Paging ${requestCount} requests (sandbox; SignDesk vs the official @dropbox/sign SDK)`, await pagingFigures(requestCount, rounds));

  console.log(`\nVerdicts (issue 12; load average ${os.loadavg()[0].toFixed(1)} at the end)`);
  for (const v of verdicts) console.log(`  ${v.met === undefined ? 'NOT MEASURED' : v.met ? 'MET    ' : 'NOT MET'}  ${v.goal}: ${v.figure}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
