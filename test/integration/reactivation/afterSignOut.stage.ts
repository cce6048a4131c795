// Reactivation, stage 3 of 3: the sign-out in stage 2 was stored too; after another reload SignDesk, again
// in a new extension host, finds no session.
import * as assert from 'node:assert/strict';
import { accountLabels } from '../support/accounts';
import { activatedApi } from '../support/extension';
import { readHandoff } from './handoff';

describe('reactivation 3/3: after sign-out and a reload no session comes back (real host)', () => {
  it('a new extension host finds no session: store, current session and Accounts menu are empty', async () => {
    const handoff = readHandoff();
    const { sessions } = (await activatedApi()).testing!;
    assert.equal(handoff.hostPids.length, 2, 'stages 1 and 2 ran');
    assert.ok(!handoff.hostPids.includes(process.pid), 'SignDesk was activated again in a new extension host');
    assert.equal(await sessions.secrets.get(handoff.account!.secretKey), undefined);
    assert.deepEqual(await sessions.store.list(), []);
    assert.equal(await sessions.active.current(), undefined);
    assert.deepEqual(await accountLabels(), []);
  });
});
