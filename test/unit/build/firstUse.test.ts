// The action commands as shipped: activation registers stand-ins and leaves dist/features.js unloaded; the
// first call loads it, the real command takes the id and does the work. Without the second file, the user
// gets a clear message and the stand-ins stay. (That no module is bundled into both files, so each class
// exists once, is bundleBudget.test.ts's.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'mocha';
import { buildShipped } from '../../bench/bundle';
import { outDir, repoRoot } from '../../runner/paths';
import type { FirstUseRun } from './firstUseChild';

function run(bundle: string, command = 'remind'): FirstUseRun {
  const child = path.join(outDir, 'test', 'unit', 'build', 'firstUseChild.js');
  const out = execFileSync(process.execPath, [child, bundle, path.join(repoRoot, 'package.json'), command], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as FirstUseRun;
}

describe('the action commands load their code on first use (shipped bundle, fake vscode, fresh process)', function () {
  this.timeout(60_000);
  let shipped: FirstUseRun;
  let withoutFeatures: FirstUseRun;

  before(async () => {
    const { file } = await buildShipped();
    shipped = run(file);
    const alone = path.join(fs.mkdtempSync(path.join(path.dirname(path.dirname(file)), 'signdesk-alone-')), 'extension.js');
    fs.copyFileSync(file, alone);
    withoutFeatures = run(alone);
  });

  it('leaves dist/features.js unloaded by activation, loads it on the first call and keeps it', () => {
    assert.equal(shipped.failed, undefined);
    assert.deepEqual(shipped.featuresLoaded, [false, true, true]);
  });

  it('hands the first call to the real command, which then holds the id (registered once more, not per call)', () => {
    assert.equal(shipped.registrations, 2);
    assert.deepEqual(shipped.idsAfter, ['signdesk.send', 'signdesk.remindSigner', 'signdesk.cancelRequest', 'signdesk.downloadPdf', 'signdesk.downloadZip']);
  });

  it('does the work both times (the real Remind Signer: nobody is signed in, so it asks to sign in)', () => {
    const expected = { level: 'warning', message: 'Sign in to Dropbox Sign to send the reminder for “Jack (jack@example.com)”.', items: ['Sign In'] };
    assert.deepEqual(shipped.shown, [expected, expected]);
  });

  it('without dist/features.js, says so with Show Log and keeps the stand-ins for another try', () => {
    assert.equal(withoutFeatures.failed, undefined);
    assert.deepEqual(withoutFeatures.featuresLoaded, [false, false, false]);
    assert.equal(withoutFeatures.registrations, 1);
    const expected = { level: 'error', message: 'SignDesk could not load this command. Reinstall SignDesk; the log has the details.', items: ['Show Log'] };
    assert.deepEqual(withoutFeatures.shown, [expected, expected]);
  });
});

describe('the sign-in and Configure App commands load their code on first use (shipped bundle, fake vscode, fresh process)', function () {
  this.timeout(60_000);
  let shipped: FirstUseRun;

  before(async () => {
    const { file } = await buildShipped();
    shipped = run(file, 'signIn');
  });

  it('leaves dist/features.js unloaded by activation, loads it on the first Sign In and keeps it', () => {
    assert.equal(shipped.failed, undefined);
    assert.deepEqual(shipped.featuresLoaded, [false, true, true]);
  });

  it('hands the first call to the real command; then the real commands hold all four ids', () => {
    assert.equal(shipped.registrations, 2);
    assert.deepEqual(shipped.idsAfter, ['signdesk.signIn', 'signdesk.completeSignIn', 'signdesk.cancelSignIn', 'signdesk.configureApp']);
  });

  it('does the work both times (the real Sign In: the app is not configured, so it offers Configure App)', () => {
    const expected = {
      level: 'warning',
      message: "SignDesk needs your Dropbox Sign app's client ID and your Dropbox Sign app's client secret before you can sign in.",
      items: ['Configure App'],
    };
    assert.deepEqual(shipped.shown, [expected, expected]);
  });
});

describe('the Signature Requests view registers its own commands on first use (shipped bundle, fake vscode, fresh process)', function () {
  this.timeout(60_000);
  let shipped: FirstUseRun;

  before(async () => {
    const { file } = await buildShipped();
    shipped = run(file, 'refresh');
  });

  it('activation registers stand-ins; the first Refresh registers the real commands (once) and hands the call on', () => {
    assert.equal(shipped.failed, undefined);
    assert.equal(shipped.registrations, 2);
    assert.deepEqual(shipped.idsAfter, [
      'signdesk.requests.refresh',
      'signdesk.requests.loadMore',
      'signdesk.requests.filter',
      'signdesk.requests.clearFilter',
      'signdesk.requests.openDetails',
      'signdesk.requests.copyId',
      'signdesk.requests.copySignerEmail',
    ]);
  });

  it('their code ships in the activation bundle: dist/features.js stays unloaded', () => {
    assert.deepEqual(shipped.featuresLoaded, [false, false, false]);
  });

  it('does the work both times (the real Refresh: no app is configured, so it offers Configure App)', () => {
    const expected = { level: 'warning', message: "SignDesk needs your Dropbox Sign app's client ID before you can sign in.", items: ['Configure App'] };
    assert.deepEqual(shipped.shown, [expected, expected]);
  });
});
