import * as assert from 'node:assert/strict';
import { workbenchFixture } from './support/fixture';
import { STATUS_ITEM } from './support/signInSteps';

describe('SignDesk view (signed out)', function () {
  this.timeout(60_000);
  const fixture = workbenchFixture();

  it('shows the welcome content in the SignDesk view', async () => {
    const { workbench } = fixture;
    await workbench.openViewContainer('SignDesk');
    const pane = workbench.viewPane('Signature Requests');
    // No client ID in a fresh profile: the "not configured" welcome, with a Configure link per signature service.
    const welcome = pane.locator('.welcome-view-content', { hasText: 'SignDesk shows the signature requests your Dropbox Sign or signNow API app has sent' });
    await welcome.waitFor({ state: 'visible' });
    assert.match(await welcome.innerText(), /To start, tell SignDesk your API app's client ID and secret/);
    await welcome.getByRole('button', { name: 'Configure Dropbox Sign App' }).waitFor({ state: 'visible' });
    await welcome.getByRole('button', { name: 'Configure signNow App' }).waitFor({ state: 'visible' });
    await welcome.getByRole('button', { name: 'Open SignDesk Settings' }).waitFor({ state: 'visible' });
  });

  it('shows "Dropbox Sign: not configured" in the status bar (a fresh profile has no client ID or secret)', async () => {
    const text = await fixture.workbench.statusBarText(STATUS_ITEM);
    assert.equal(text, 'Dropbox Sign: not configured');
    assert.equal(await fixture.workbench.statusBarItem(STATUS_ITEM).getAttribute('aria-label'), 'Dropbox Sign: not configured');
  });
});
