// Runs in a fresh Node process (so module loading is cold): loads the bundle with the fake `vscode` and
// times require() and activate(). Prints one JSON line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFakeContext, createFakeVscode, interceptVscode } from './fakeVscode';
import { repoRoot } from '../runner/paths';

async function main(): Promise<void> {
  const bundle = process.argv[2];
  const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const { api, counts } = createFakeVscode(packageJson);
  interceptVscode(api);
  const context = createFakeContext(api, packageJson, repoRoot);
  let t = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(bundle) as { activate(context: unknown): unknown };
  const requireMs = performance.now() - t;
  t = performance.now();
  await extension.activate(context);
  const activateMs = performance.now() - t;
  let error: string | undefined;
  for (const d of context.subscriptions) {
    try {
      d.dispose();
    } catch (e) {
      error = String(e);
    }
  }
  process.stdout.write(`${JSON.stringify({ requireMs, activateMs, commands: counts.commands, disposables: context.subscriptions.length, error })}\n`);
}

main().catch((e: unknown) => {
  process.stdout.write(`${JSON.stringify({ failed: e instanceof Error ? e.message : String(e) })}\n`);
  process.exitCode = 1;
});
