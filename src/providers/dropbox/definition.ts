// Dropbox (files) as a value: identity, the three default hosts, its error reader, OAuth traits and the
// factories the runtime builds its clients with. It is a file store, not a signature service: it has the
// `files` capability and feeds the signature services.
import { deferredMethods, onFirstCall } from '../../core/onFirstCall';
import type { FileService } from '../../model/files';
import type { OAuthClient, ServiceContext, ServiceDefinition } from '../../model/service';
import type { ServiceSettings } from '../../model/serviceSettings';
import { DEFAULT_DROPBOX_SETTINGS, STATE_MAX_BYTES, type DropboxSettings } from './endpoints';
import { readDropboxError } from './errorBody';
import { dropboxFileService } from './fileService';
import { DropboxFilesClient } from './filesClient';
import { DropboxOAuthClient } from './oauthClient';

/** The runtime's settings always carry the content host for a service whose defaults name one. */
function dropboxSettings(context: ServiceContext): () => DropboxSettings {
  return () => {
    const settings: ServiceSettings = context.settings();
    return { ...settings, contentBaseUrl: settings.contentBaseUrl ?? DEFAULT_DROPBOX_SETTINGS.contentBaseUrl };
  };
}

/** Dropbox's limit for one upload call (filesClient's MAX_SIMPLE_UPLOAD_BYTES, which a unit test compares). */
export const DROPBOX_MAX_UPLOAD_BYTES = 150 * 1024 * 1024;

/** PKCE sign-in, a refresh with client_id alone, revoke on sign-out, and the account from get_current_account. */
function createOAuthClient(context: ServiceContext): OAuthClient {
  const settings = dropboxSettings(context);
  const oauth = onFirstCall(() => new DropboxOAuthClient(context.http, settings, context.clock));
  const files = onFirstCall(() => new DropboxFilesClient(context.http, settings, context.clock));
  return {
    // The Dropbox client reads the fields it sends; the generic ones (state, clientSecret) it leaves alone.
    authorizeUrl: (params) => {
      if (!params.codeChallenge) throw new Error('Dropbox sign-in needs a PKCE challenge');
      return oauth().authorizeUrl({ ...params, codeChallenge: params.codeChallenge });
    },
    exchangeCode: (params, signal) => {
      if (!params.codeVerifier) throw new Error('Dropbox sign-in needs the PKCE verifier');
      return oauth().exchangeCode({ ...params, codeVerifier: params.codeVerifier }, signal);
    },
    refresh: (params, signal) => {
      if (!params.clientId) throw new Error('Dropbox refreshes with the app key');
      return oauth().refresh({ ...params, clientId: params.clientId }, signal);
    },
    revoke: (accessToken, signal) => oauth().revoke(accessToken, signal),
    getAccount: (accessToken, signal) => files().getAccount(accessToken, signal),
  };
}

export const dropbox = {
  id: 'dropbox',
  label: 'Dropbox',
  authProviderId: 'signdesk-dropbox',
  defaults: DEFAULT_DROPBOX_SETTINGS,
  // Read when an error answer arrives (its code loads then, with the clients').
  readError: (status, body, contentType) => readDropboxError(status, body, contentType),
  // PKCE: SignDesk stores no Dropbox app secret; the code exchange and refresh send client_id in the form
  // body. Dropbox takes only http(s) redirect addresses (no vscode://) and at most 500 bytes of state.
  oauth: {
    clientSecret: 'none',
    pkce: true,
    clientAuthentication: 'body',
    refreshNeedsClient: true,
    stateMaxBytes: STATE_MAX_BYTES,
    ownRedirectSetting: { auto: 'loopback' },
    create: createOAuthClient,
  },
  files: {
    // The client is built on the first call (its code ships in the file loaded on first use).
    create: (context) =>
      Object.assign(
        deferredMethods<FileService>(() => dropboxFileService(new DropboxFilesClient(context.http, dropboxSettings(context), context.clock)), {
          listFolder: true, listFolderContinue: true, isCursorReset: true, temporaryLink: true, upload: true,
        }),
        { maxUploadBytes: DROPBOX_MAX_UPLOAD_BYTES },
      ),
  },
} as const satisfies ServiceDefinition;
