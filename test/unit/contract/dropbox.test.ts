// Dropbox's file provider against the Dropbox sandbox, through the file store contract.
import { dropbox } from '../../../src/providers/dropbox/definition';
import { signIn, useDropboxSandbox } from '../../support/sandboxes/dropbox';
import { filesContract } from './filesContract';

filesContract({
  definition: dropbox,
  useSandbox: () => {
    // Small pages, so the root needs list_folder/continue.
    const sandbox = useDropboxSandbox({ config: { defaultListLimit: 3 } });
    return () => {
      const sb = sandbox();
      return {
        settings: { apiBaseUrl: sb.info.apiBaseUrl, oauthBaseUrl: sb.info.oauthBaseUrl, contentBaseUrl: sb.info.contentBaseUrl },
        signIn: async () => (await signIn(sb)).access_token,
        unauthorizedOnNextRequest: () => sb.admin.injectFault({ path: '/2/*', kind: 'expired_access_token' }),
        invalidateCursors: () => sb.admin.invalidateCursors(),
      };
    };
  },
});
