// The shipped bundle, loaded and activated in a fresh Node process with the bench's fake `vscode`: activation
// registers everything yet loads none of Node's socket or HTTP modules (so it cannot make a network call),
// and the modules the build defers (test/build/build.js LAZY_MODULES) stay unloaded until first used.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { before, describe, it } from 'mocha';
import type { LoadRun } from '../../bench/activateChild';
import { buildShipped } from '../../bench/bundle';
import { outDir, repoRoot } from '../../runner/paths';

describe('activating the shipped bundle (fake vscode, fresh process)', function () {
  this.timeout(60_000);
  let run: LoadRun;

  before(async () => {
    const { file } = await buildShipped();
    const child = path.join(outDir, 'test', 'bench', 'activateChild.js');
    const out = execFileSync(process.execPath, [child, file, path.join(repoRoot, 'package.json')], { encoding: 'utf8' });
    run = JSON.parse(out.trim().split('\n').pop() ?? '{}') as LoadRun;
  });

  it('activates and registers its commands', () => {
    assert.equal(run.failed, undefined);
    assert.equal(run.error, undefined);
    assert.ok((run.commands ?? 0) >= 20, `commands: ${run.commands}`);
  });

  it('loads no socket or HTTP module (no network call is possible during activation)', () => {
    assert.deepEqual(run.networkModules, []);
  });

  it('leaves http and https unloaded until the first request', () => {
    assert.deepEqual(run.lazyLoaded, []);
  });
});
