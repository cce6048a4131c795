// Dropbox Sign as a value: its identity, default hosts, OAuth traits, the rules the model and the
// commands follow for it (each one from the API reference or the spec in test/sandbox/dropboxSign/spec/), and the
// factories the runtime builds its clients with. Nothing outside providers/ constructs these classes.
import { deferredMethods } from '../../core/onFirstCall';
import { type AccountSetupService, type OAuthClient, type ServiceDefinition, type SignatureRules, type SignatureService, SIGNATURE_METHODS } from '../../model/service';
import * as clients from './clients';
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL } from './endpoints';

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
  // Every action SignDesk offers: remind, cancel, on hold (signers_on_hold), test mode, update a signer.
  supportsRemind: true,
  supportsCancel: true,
  supportsHold: true,
  supportsTestMode: true,
  supportsUpdateSigner: true,
  // SignatureRequestSendRequest's file_urls[]: Dropbox Sign downloads each file itself.
  fileUrls: true,
  // The list's query: its search syntax.
  filterHint: 'search terms, e.g. NDA, to:jack@example.com, title:"Offer letter" or complete:true',
};

export const dropboxSign = {
  id: 'dropboxSign',
  label: 'Dropbox Sign',
  authProviderId: 'signdesk-dropbox-sign',
  defaults: { apiBaseUrl: DEFAULT_API_BASE_URL, oauthBaseUrl: DEFAULT_OAUTH_BASE_URL },
  // The clients are built on their first call and the error reader read when an error answer arrives: their
  // code ships in the file loaded on first use (./clients.ts).
  readError: (status, body, contentType) => clients.readDropboxSignError(status, body, contentType),
  // The client secret is required for the code exchange and sent in the body; no PKCE. A refresh needs
  // the refresh token alone.
  oauth: {
    clientSecret: 'required',
    pkce: false,
    clientAuthentication: 'body',
    refreshNeedsClient: false,
    create: (context) => deferredMethods<OAuthClient>(() => clients.oauthClient(context), { authorizeUrl: true, exchangeCode: true, refresh: true, getAccount: true }),
  },
  signatures: {
    rules: dropboxSignRules,
    create: (context) => deferredMethods<SignatureService>(() => clients.signatureService(context), SIGNATURE_METHODS),
  },
  accountSetup: {
    create: (context) => deferredMethods<AccountSetupService>(() => clients.accountSetup(context), { accountExists: true, createAccount: true }),
  },
} as const satisfies ServiceDefinition;
