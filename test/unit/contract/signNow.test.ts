// signNow's provider against the signNow sandbox, through the signature provider contract. Every sandbox
// answer is also checked against signNow's shapes (test/support/sandboxes/signNow.ts).
import { signNow } from '../../../src/providers/signNow/definition';
import { stableHex } from '../../sandbox/kit/ids';
import { passwordToken, useSignNowSandbox } from '../../support/sandboxes/signNow';
import { signatureContract } from './signatureContract';

signatureContract({
  definition: signNow,
  useSandbox: () => {
    const sandbox = useSignNowSandbox();
    return () => {
      const sb = sandbox();
      const user = sb.info.users[0];
      return {
        settings: { apiBaseUrl: sb.info.apiBaseUrl, oauthBaseUrl: sb.info.oauthBaseUrl },
        signIn: async () => ({ token: (await passwordToken(sb, user)).access_token, email: user.email }),
        // The first API call of a list (whichever endpoint the provider starts from) answers 401.
        unauthorizedOnNextList: () => sb.admin.injectFault({ path: '/*', kind: 'unauthorized' }),
        exceedRateLimit: () => void sb.admin.configure({ rateLimit: { enabled: true, limit: 1 } }),
        unknownRequestId: stableHex('no such document'),
      };
    };
  },
});
