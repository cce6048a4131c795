import * as assert from 'node:assert/strict';
import { workbenchFixture } from './support/fixture';
import { waitFor } from './support/waitFor';

describe('command palette', function () {
  this.timeout(60_000);
  const fixture = workbenchFixture();

  it('runs "SignDesk: Show Log", which shows the SignDesk channel in the output panel', async () => {
    const { workbench } = fixture;
    await workbench.runCommand('SignDesk: Show Log');
    const channel = await waitFor(() => workbench.outputChannelName(), (name) => name === 'SignDesk', 15_000);
    assert.equal(channel, 'SignDesk');
    // activate() logs its version: the channel is SignDesk's log, not an empty one with the same name.
    const text = await waitFor(() => workbench.outputText(), (shown) => /SignDesk \d+\.\d+\.\d+ activated/.test(shown), 15_000);
    assert.match(text, /SignDesk \d+\.\d+\.\d+ activated/);
  });
});
