import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import type { Metafile } from 'esbuild';
import { buildScript, buildShipped } from '../../bench/bundle';
import { repoRoot } from '../../runner/paths';

const inputsOf = (metafile: Metafile) => Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs));

describe('the production bundle', function () {
  this.timeout(60_000);

  it('fits its size budgets: the file loaded at activation 0.7 ×, everything shipped 1.0 × VS Code’s github-authentication bundle', async () => {
    const { startup, features } = await buildShipped();
    const sizes = { startupBytes: startup.bytes, totalBytes: startup.bytes + features.bytes };
    assert.equal(buildScript.budgetProblem(sizes), undefined, JSON.stringify(sizes));
  });

  it('ships node-fetch (in the file loaded on first use) but not what Node already has (whatwg-url, tr46, webidl-conversions)', async () => {
    const { startup, features } = await buildShipped();
    const inputs = [...inputsOf(startup.metafile), ...inputsOf(features.metafile)];
    assert.ok(inputsOf(features.metafile).some((i) => i.includes('node_modules/node-fetch/')), inputs.join('\n'));
    assert.ok(!inputsOf(startup.metafile).some((i) => i.includes('node_modules/node-fetch/')), 'node-fetch is in the activation bundle');
    const nodeHasIt = inputs.filter((i) => /node_modules\/(whatwg-url|tr46|webidl-conversions)\//.test(i));
    assert.deepEqual(nodeHasIt, []);
  });

  it('keeps the action, sign-in and Configure App commands and the lazy sources out of the file loaded at activation, and bundles no source file twice', async () => {
    const { startup, features } = await buildShipped();
    const startupInputs = new Set(inputsOf(startup.metafile).filter((i) => !/^[\w-]+:/.test(i)));
    const lazyFiles = ['src/commands/actions/send.ts', 'src/model/sendForm.ts', 'src/views/sendForm/html.ts', 'src/commands/actions/download.ts', 'src/commands/session/signIn.ts', 'src/commands/session/configureApp.ts'];
    for (const lazy of [...lazyFiles, ...buildScript.LAZY_SOURCES]) {
      assert.ok(!startupInputs.has(lazy), `${lazy} is in the activation bundle`);
      assert.ok(inputsOf(features.metafile).includes(lazy), `${lazy} is not in ${buildScript.FEATURES_FILE}`);
    }
    const twice = inputsOf(features.metafile).filter((i) => startupInputs.has(i));
    assert.deepEqual(twice, []);
  });
});

describe('the bundle budget check (npm run package)', () => {
  const budgets = { startup: 1000, total: 2000 };

  it('passes bundles at or under both budgets', () => {
    assert.equal(buildScript.budgetProblem({ startupBytes: buildScript.STARTUP_BUDGET_BYTES, totalBytes: buildScript.TOTAL_BUDGET_BYTES }), undefined);
    assert.equal(buildScript.budgetProblem({ startupBytes: 1000, totalBytes: 2000 }, budgets), undefined);
  });

  it('budgets the activation file at 0.7 × github-authentication (issue 12’s goal)', () => {
    assert.equal(buildScript.STARTUP_BUDGET_BYTES, Math.floor(0.7 * buildScript.ANCHOR_BYTES));
  });

  it('budgets everything shipped at 1.0 × (the brief: below VS Code’s own GitHub sign-in extension)', () => {
    assert.equal(buildScript.TOTAL_BUDGET_BYTES, buildScript.ANCHOR_BYTES);
  });

  it('refuses an activation file one byte over, naming the file, its size, the budget, the excess and what to do', () => {
    const problem = buildScript.budgetProblem({ startupBytes: 154_579, totalBytes: 1500 }, { startup: 154_578, total: 200_000 });
    assert.ok(problem);
    assert.match(problem, /dist\/extension\.js \(loaded when SignDesk activates, in every window\) is 154,579 bytes, over its budget of 154,578 bytes/);
    assert.match(problem, /0\.7 × VS Code's github-authentication bundle\) by 1\./);
    assert.match(problem, /src\/features\.ts/);
    assert.match(problem, /npm run bench/);
    assert.doesNotMatch(problem, /everything shipped/);
  });

  it('refuses a total one byte over, naming both files', () => {
    const problem = buildScript.budgetProblem({ startupBytes: 900, totalBytes: 2001 }, budgets);
    assert.ok(problem);
    assert.match(problem, /dist\/extension\.js \+ dist\/features\.js \(everything shipped\) are 2,001 bytes, over their budget of 2,000 bytes/);
    assert.match(problem, /by 1\./);
    assert.doesNotMatch(problem, /loaded when SignDesk activates/);
  });
});

describe('the .vsix (.vscodeignore, as vsce reads it)', function () {
  this.timeout(60_000);

  it('ships both bundle files and neither source map', async () => {
    // A copy of what vsce reads, with every file a build leaves in dist/ (development and production).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-vsix-'));
    for (const file of ['package.json', '.vscodeignore', 'README.md', 'CHANGELOG.md']) fs.copyFileSync(path.join(repoRoot, file), path.join(dir, file));
    fs.mkdirSync(path.join(dir, 'dist'));
    for (const file of [buildScript.STARTUP_FILE, buildScript.FEATURES_FILE]) {
      fs.writeFileSync(path.join(dir, 'dist', file), '');
      fs.writeFileSync(path.join(dir, 'dist', `${file}.map`), '');
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vsce = require('@vscode/vsce') as { listFiles(options: { cwd: string; packageManager: number; dependencies: boolean }): Promise<string[]> };
    const files = await vsce.listFiles({ cwd: dir, packageManager: 2 /* None */, dependencies: false });
    assert.deepEqual(files.filter((f) => f.startsWith('dist/')).sort(), [`dist/${buildScript.STARTUP_FILE}`, `dist/${buildScript.FEATURES_FILE}`].sort());
  });
});
