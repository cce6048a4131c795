import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, signDeskExtension } from './support/extension';

// Runs first (files load in name order): nothing has touched SignDesk yet.
describe('activation', () => {
  it('declares no startup activation (never "*" or onStartupFinished)', () => {
    const events: string[] = signDeskExtension().packageJSON.activationEvents ?? [];
    assert.deepEqual(events.filter((event) => event === '*' || event === 'onStartupFinished'), []);
  });

  it('is not active until something needs it, and activates when its view is opened', async () => {
    const extension = signDeskExtension();
    assert.equal(extension.isActive, false, 'SignDesk was active before anything needed it');
    await vscode.commands.executeCommand('signdesk.requests.focus');
    await eventually(async () => extension.isActive, (active) => active, 15_000, 'SignDesk active after opening its view');
  });

  it('returns the test API from activate() when run by tests', async () => {
    const api = await signDeskExtension().activate();
    assert.equal(typeof api.testing?.nextCallbackUri, 'function');
  });
});
