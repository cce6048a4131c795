// The token manager's contract with signNow's OAuth and API clients against the signNow sandbox (which
// rotates refresh tokens by default), under both readings of a spent refresh token's error; and signNow's
// own: the code grant's expires_in is an epoch string, and an invalid token may come with 400.
import * as assert from 'node:assert/strict';
import { newSession } from '../../../src/auth/session';
import { signNow } from '../../../src/providers/signNow/definition';
import { SERVICES } from '../../../src/providers';
import { authorize, useSignNowSandbox, type TestSignNowSandbox } from '../../support/sandboxes/signNow';
import { signNowStack } from '../providers/signNow/support';
import { tokenManagerContract, type TokenManagerSandbox } from './tokenManagerContract';

/** The service list with signNow in it (whether or not the extension lists it yet). */
const services = SERVICES.some((s) => s.id === signNow.id) ? SERVICES : [...SERVICES, signNow];

/** The signNow sandbox as the contract drives it, and what signNow's own tests configure. */
type SignNowTokenSandbox = TokenManagerSandbox & { configure: TestSignNowSandbox['admin']['configure'] };

tokenManagerContract({
  title: 'TokenManager with signNow against the signNow sandbox',
  definition: signNow,
  services,
  timeoutMs: 30_000,
  raceRuns: 10,
  useSandbox: () => {
    const sandbox = useSignNowSandbox();
    let built: { sb: TestSignNowSandbox; stack: ReturnType<typeof signNowStack> } | undefined;
    return (): SignNowTokenSandbox => {
      const sb = sandbox();
      if (built?.sb !== sb) built = { sb, stack: signNowStack(sb) };
      const { stack } = built;
      const client = { clientId: sb.info.clientId, clientSecret: sb.info.clientSecret };
      return {
        // Through the browser leg and the code grant (its expires_in is an epoch string), as SignDesk does.
        signIn: async () => {
          const code = (await authorize(sb, { state: 's' })).searchParams.get('code')!;
          const tokens = await stack.oauth.exchangeCode({ ...client, code, state: 's' });
          const account = await stack.service.getAccount(tokens.accessToken);
          return newSession('signNow', { id: account.id, email: account.email }, tokens, 'active', Date.now());
        },
        refresh: (refreshToken) => stack.oauth.refresh({ ...client, refreshToken }),
        whoAmI: async (accessToken) => (await stack.service.getAccount(accessToken)).email,
        email: sb.info.users[0].email,
        accountCall: { method: 'GET', path: '/user' },
        tokenPath: '/oauth2/token',
        admin: sb.admin,
        configure: (config) => sb.admin.configure(config),
      };
    };
  },
  spentTokenReadings: (['invalid_grant', 'invalid_request'] as const).map((spent) => ({
    title: `a spent refresh token answers ${spent}`,
    configure: (sandbox) => void (sandbox as SignNowTokenSandbox).configure({ spentRefreshTokenError: spent }),
  })),
  extraTests: ({ sandbox, openWindow, whoAmI, initial, storedNow, refreshesSent }) => {
    const sb = () => sandbox() as SignNowTokenSandbox;

    describe('expires_in: an epoch string for the code grant, a lifetime for the refresh grant', () => {
      for (const epoch of [true, false]) {
        it(`a 60 s token (code grant answers ${epoch ? 'an epoch time' : 'a lifetime'}) is refreshed before the first call, not after a refusal`, async () => {
          sb().configure({ expiresIn: 60, codeGrantExpiresInEpoch: epoch });
          const session = await sb().signIn();
          assert.ok(session.expiresAt > Date.now() && session.expiresAt <= Date.now() + 61_000, `expiresAt ${session.expiresAt - Date.now()} ms ahead`);
          await openWindow().store.save(session);
          sb().admin.resetCounters();
          assert.equal(await whoAmI(openWindow().tokens), sb().email);
          assert.equal(refreshesSent(), 1, 'refreshed within the margin');
          assert.equal(sb().admin.counters().http['GET /user'], 1, 'no call was made with the old token');
          // The refresh grant's lifetime (60 s) is within the margin too: the stored expiry follows it.
          const stored = storedNow()!;
          assert.ok(stored.expiresAt <= Date.now() + 61_000 && stored.expiresAt > Date.now());
        });
      }

      it('a 30-day code-grant token is used as it is (the epoch is not read as 47 years of lifetime, nor as expired)', async () => {
        const { tokens } = openWindow();
        assert.equal(await whoAmI(tokens), sb().email);
        assert.equal(refreshesSent(), 0);
        assert.ok(Math.abs(initial().expiresAt - (Date.now() + 2_592_000_000)) < 10_000);
      });
    });

    // signNow does not document the status of its invalid-token answer: either is taken for a refused token.
    // (A second refusal surfacing is the contract's 401 test: the injected refusal is the same under both.)
    for (const status of [401, 400] as const) {
      it(`invalid_token (1537) with ${status} → one refresh, and the call goes through`, async () => {
        sb().configure({ invalidTokenStatus: status });
        const { tokens } = openWindow();
        sb().admin.expireAccessTokens({ all: true });
        assert.equal(await whoAmI(tokens), sb().email);
        assert.equal(refreshesSent(), 1);
      });
    }
  },
});
