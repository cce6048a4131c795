import assert from 'node:assert/strict';
import { CONTEXT_REQUEST_SENT, FirstRequestSent } from '../../../../src/commands/actions/firstRequestSent';

function fakes(stored?: boolean) {
  const state = new Map<string, unknown>(stored === undefined ? [] : [['signdesk.requestSent', stored]]);
  const contexts: Array<[string, boolean]> = [];
  return {
    state: { get: <T>(key: string) => state.get(key) as T | undefined, update: async (key: string, value: unknown) => void state.set(key, value) },
    setContext: (key: string, value: boolean) => contexts.push([key, value]),
    stored: state,
    contexts,
  };
}

describe('FirstRequestSent (the walkthrough\'s "send a first test request" step)', () => {
  it('sets signdesk.requestSent to false at first, true once a send succeeded, and remembers it', async () => {
    const deps = fakes();
    const first = new FirstRequestSent(deps);
    assert.deepEqual(deps.contexts, [[CONTEXT_REQUEST_SENT, false]]);
    await first.noteSent();
    await first.noteSent(); // a second send changes nothing
    assert.deepEqual(deps.contexts, [
      [CONTEXT_REQUEST_SENT, false],
      [CONTEXT_REQUEST_SENT, true],
    ]);
    assert.equal(deps.stored.get('signdesk.requestSent'), true);
  });

  it('a window that starts after a send has the key set from the start', () => {
    const deps = fakes(true);
    new FirstRequestSent(deps);
    assert.deepEqual(deps.contexts, [[CONTEXT_REQUEST_SENT, true]]);
  });

  it('is named as package.json\'s walkthrough expects', () => {
    assert.equal(CONTEXT_REQUEST_SENT, 'signdesk.requestSent');
  });
});
