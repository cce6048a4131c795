// Dropbox (files) as a value: identity, the three default hosts, its error reader and OAuth traits. It is a
// file store, not a signature service: it has the `files` capability and feeds the signature services.
// Not in providers/index.ts yet: the per-service runtime that wires it is being built separately.
import type { ServiceDefinition } from '../../model/service';
import { DEFAULT_DROPBOX_SETTINGS } from './endpoints';
import { readDropboxError } from './errorBody';

export const dropbox = {
  id: 'dropbox',
  label: 'Dropbox',
  authProviderId: 'signdesk-dropbox',
  defaults: {
    apiBaseUrl: DEFAULT_DROPBOX_SETTINGS.apiBaseUrl,
    oauthBaseUrl: DEFAULT_DROPBOX_SETTINGS.oauthBaseUrl,
    contentBaseUrl: DEFAULT_DROPBOX_SETTINGS.contentBaseUrl,
  },
  readError: readDropboxError,
  // PKCE: SignDesk stores no Dropbox app secret; the code exchange and refresh send client_id in the form body.
  oauth: {
    clientSecret: 'none',
    pkce: true,
    clientAuthentication: 'body',
    refreshNeedsClient: true,
    // Until the sign-in flow carries a PKCE verifier, the runtime cannot build Dropbox's OAuth client.
    create: () => {
      throw new Error('Dropbox sign-in is not wired yet');
    },
  },
  files: {},
} as const satisfies ServiceDefinition;
