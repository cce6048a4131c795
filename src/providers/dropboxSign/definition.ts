// Dropbox Sign as a value: its identity, default hosts, OAuth traits, the rules the model and the
// commands follow for it (each one from the API reference or the spec in test/sandbox/dropboxSign/spec/), and the
// factories the runtime builds its clients with. Nothing outside providers/ constructs these classes.
import type { OAuthClient, ServiceContext, ServiceDefinition, SignatureRules } from '../../model/service';
import { tokenOrigins } from '../../model/serviceSettings';
import { dropboxSignAccountSetup } from './accountSetup';
import { DropboxSignApi } from './apiClient';
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL } from './endpoints';
import { readDropboxSignError } from './errorBody';
import { mapAccount } from './mapping';
import { DropboxSignOAuthClient } from './oauthClient';
import { DropboxSignService } from './service';

export const dropboxSignRules: SignatureRules = {
  acceptedFileTypes: [
    'pdf', 'doc', 'docx', 'ppt', 'pptx', 'xls', 'xlsx', 'odt', 'ods', 'odp', 'rtf', 'txt', 'html', 'htm',
    'jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff',
  ],
  // Uploads above 40 MB per file are refused; refusing before the upload saves the user a long wait.
  maxFileBytes: 40 * 1024 * 1024,
  // SignatureRequestSendRequest's schema.
  fieldLimits: { title: 255, subject: 255, message: 5000 },
  // page_size is 1..100.
  maxPageSize: 100,
  // The documented standard limit.
  defaultRateLimit: { limit: 100, windowMs: 60_000 },
  // A reminder within one hour of the previous one (manual or automatic) is refused.
  reminderIntervalMs: 60 * 60_000,
  downloadFormats: ['pdf', 'zip'],
  // There is no canceled flag: a canceled request answers 410 and drops out of the list.
  canceledRequestsLeaveList: true,
};

/** The token endpoint, plus /account for whose the new token is. */
function createOAuthClient(context: ServiceContext): OAuthClient {
  const api = new DropboxSignApi(context.http, context.settings);
  return Object.assign(new DropboxSignOAuthClient(context.http, context.settings, context.clock, context.secrets), {
    getAccount: async (token: string, signal?: AbortSignal) => mapAccount((await api.getAccount(token, signal)).account),
  });
}

export const dropboxSign = {
  id: 'dropboxSign',
  label: 'Dropbox Sign',
  authProviderId: 'signdesk-dropbox-sign',
  defaults: { apiBaseUrl: DEFAULT_API_BASE_URL, oauthBaseUrl: DEFAULT_OAUTH_BASE_URL },
  readError: readDropboxSignError,
  // The client secret is required for the code exchange and sent in the body; no PKCE. A refresh needs
  // the refresh token alone.
  oauth: { clientSecret: 'required', pkce: false, clientAuthentication: 'body', refreshNeedsClient: false, create: createOAuthClient },
  signatures: {
    rules: dropboxSignRules,
    create: (context) => new DropboxSignService(new DropboxSignApi(context.http, context.settings), context.secrets),
  },
  accountSetup: {
    create: (context) =>
      dropboxSignAccountSetup(new DropboxSignApi(context.http, context.settings), context.clock, () => tokenOrigins(context.settings())),
  },
} as const satisfies ServiceDefinition;
