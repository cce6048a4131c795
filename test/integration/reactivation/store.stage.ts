// Reactivation, stage 1 of 3: a signed-in session goes into context.secrets. The runner then reloads the
// window, so SignDesk is activated again in a new extension host (readBack.stage.ts).
import * as assert from 'node:assert/strict';
import { sessionSecretKey } from '../../../src/auth/sessionStore';
import { accountLabels } from '../support/accounts';
import { activatedApi } from '../support/extension';
import { liveSession } from '../../support/sessions';
import { readHandoff, writeHandoff } from './handoff';

describe('reactivation 1/3: a session is stored (real host)', () => {
  it('saving a session puts it in context.secrets and the Accounts menu', async () => {
    const handoff = readHandoff();
    const { sessions } = (await activatedApi()).testing!;
    for (const left of await sessions.store.list()) await sessions.store.remove(left); // by the main suite
    const session = liveSession();
    await sessions.store.save(session);
    const secretKey = sessionSecretKey(session);
    assert.equal(JSON.parse((await sessions.secrets.get(secretKey))!).email, session.email);
    assert.deepEqual(await accountLabels(), [session.email]);
    writeHandoff({
      ...handoff,
      hostPids: [...handoff.hostPids, process.pid],
      account: { accountId: session.accountId, email: session.email, secretKey },
    });
  });
});
