// The token manager's contract with Dropbox Sign's OAuth and API clients against the Dropbox Sign sandbox
// (whose every answer is also checked against the vendored OpenAPI spec).
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';
import { SERVICES } from '../../../src/providers';
import { SEED } from '../../sandbox/dropboxSign/server';
import { signedInSession, useSandbox, type TestSandbox } from '../../support/sandboxes/dropboxSign';
import { dropboxSignStack, type DropboxSignStack } from '../../support/stacks';
import { tokenManagerContract, type TokenManagerSandbox } from './tokenManagerContract';

tokenManagerContract({
  title: 'TokenManager with Dropbox Sign against the Dropbox Sign sandbox',
  definition: dropboxSign,
  services: SERVICES,
  timeoutMs: 20_000,
  raceRuns: 20,
  useSandbox: () => {
    // 100 calls at once would hit the sandbox's (realistic) 100-per-minute limit; that is not under test here.
    const sandbox = useSandbox({ config: { rateLimits: { enabled: false } } });
    let built: { sb: TestSandbox; stack: DropboxSignStack } | undefined;
    return (): TokenManagerSandbox => {
      const sb = sandbox();
      if (built?.sb !== sb) built = { sb, stack: dropboxSignStack(sb.info) };
      const { oauth, api } = built.stack;
      return {
        signIn: () => signedInSession(sb, SEED.alice.email),
        refresh: (refreshToken) => oauth.refresh({ refreshToken, clientId: sb.info.clientId, clientSecret: sb.info.clientSecret }),
        whoAmI: async (accessToken) => String((await api.getAccount(accessToken)).account.email_address),
        email: SEED.alice.email,
        accountCall: { method: 'GET', path: '/v3/account' },
        tokenPath: '/oauth/token',
        admin: sb.admin,
      };
    };
  },
});
