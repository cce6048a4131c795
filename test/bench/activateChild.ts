// Runs in a fresh Node process (so module loading is cold): loads a bundle with the fake `vscode`, times
// require() and (unless `--require-only`) activate(), and prints one JSON line. Times are wall clock and this
// process's CPU time: on a shared machine the CPU time is the steadier of the two.
// Usage: node activateChild.js BUNDLE PACKAGE_JSON [--require-only]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFakeContext, createFakeVscode, interceptVscode } from '../support/fakeVscode';

export interface LoadRun {
  requireMs: number;
  requireCpuMs: number;
  activateMs?: number;
  activateCpuMs?: number;
  commands?: number;
  disposables?: number;
  /** Node's socket and HTTP modules loaded by the time activate() returned: none means no network call was possible. */
  networkModules?: string[];
  /** Modules of LAZY_MODULES loaded by the time activate() returned. */
  lazyLoaded?: string[];
  error?: string;
  failed?: string;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function loadedBuiltins(pattern: RegExp): string[] {
  const list = (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
  return list.map((m) => m.replace(/^NativeModule /, '')).filter((m) => pattern.test(m));
}

async function main(): Promise<void> {
  const [bundle, packageJsonFile] = process.argv.slice(2);
  const requireOnly = process.argv.includes('--require-only');
  const packageJson = JSON.parse(fs.readFileSync(packageJsonFile, 'utf8'));
  const { api, counts } = createFakeVscode(packageJson);
  interceptVscode(api);
  const context = createFakeContext(api, packageJson, path.dirname(packageJsonFile));
  let cpu = cpuMs();
  let t = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(bundle) as { activate(context: unknown): unknown };
  const run: LoadRun = { requireMs: performance.now() - t, requireCpuMs: cpuMs() - cpu };
  if (!requireOnly) {
    cpu = cpuMs();
    t = performance.now();
    await extension.activate(context);
    run.activateMs = performance.now() - t;
    run.activateCpuMs = cpuMs() - cpu;
    run.networkModules = loadedBuiltins(/^(net|tls|http|https|http2|_http_client|_tls_wrap|dns)$/);
    run.lazyLoaded = loadedBuiltins(/^(http|https)$/);
    run.commands = counts.commands;
    run.disposables = context.subscriptions.length;
    for (const d of context.subscriptions) {
      try {
        d.dispose();
      } catch (e) {
        run.error = String(e);
      }
    }
  }
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((e: unknown) => {
  process.stdout.write(`${JSON.stringify({ failed: e instanceof Error ? e.message : String(e) })}\n`);
  process.exitCode = 1;
});
