import * as assert from 'node:assert/strict';
import { workbenchFixture } from './support/fixture';

describe('command palette', function () {
  this.timeout(60_000);
  const fixture = workbenchFixture();

  it('runs "SignDesk: Show Log", which shows the SignDesk channel in the output panel', async () => {
    const { workbench } = fixture;
    await workbench.runCommand('SignDesk: Show Log');
    const channel = await waitFor(() => workbench.outputChannelName(), (name) => name === 'SignDesk');
    assert.equal(channel, 'SignDesk');
    // activate() logs its version: the channel is SignDesk's log, not an empty one with the same name.
    const text = await waitFor(() => workbench.outputText(), (shown) => /SignDesk \d+\.\d+\.\d+ activated/.test(shown));
    assert.match(text, /SignDesk \d+\.\d+\.\d+ activated/);
  });
});

/** Re-reads UI state that renders asynchronously until it is as expected (returns the last value either way). */
async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}
