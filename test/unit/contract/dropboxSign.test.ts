// Dropbox Sign's provider against the Dropbox Sign sandbox, through the signature provider contract. Every
// sandbox answer is also checked against the vendored OpenAPI spec (test/support/sandboxes/dropboxSign.ts).
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';
import { stableHex } from '../../sandbox/kit/ids';
import { SEED } from '../../sandbox/dropboxSign/server';
import { signedInSession, useSandbox } from '../../support/sandboxes/dropboxSign';
import { signatureContract } from './signatureContract';

signatureContract({
  definition: dropboxSign,
  useSandbox: () => {
    const sandbox = useSandbox({ config: { rateLimits: { enabled: false } } });
    return () => {
      const sb = sandbox();
      return {
        settings: { apiBaseUrl: sb.info.apiBaseUrl, oauthBaseUrl: sb.info.oauthBaseUrl },
        signIn: async () => ({ token: (await signedInSession(sb, SEED.alice.email)).accessToken, email: SEED.alice.email }),
        unauthorizedOnNextList: () => sb.admin.injectFault({ path: '/v3/signature_request/list', kind: 'unauthorized' }),
        exceedRateLimit: () => sb.admin.setRateLimits({ enabled: true, standard: 1, heavy: 1, testMode: 1 }),
        unknownRequestId: stableHex('no such request'),
      };
    };
  },
});
