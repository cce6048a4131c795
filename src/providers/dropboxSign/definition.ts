// Dropbox Sign as a value: its identity, default hosts, OAuth traits and the rules the model and the
// commands follow for it (each one from the API reference or the spec in test/sandbox/dropboxSign/spec/).
import type { ServiceDefinition, SignatureRules } from '../../model/service';
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL } from './endpoints';
import { readDropboxSignError } from './errorBody';

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

export const dropboxSign = {
  id: 'dropboxSign',
  label: 'Dropbox Sign',
  authProviderId: 'signdesk-dropbox-sign',
  defaults: { apiBaseUrl: DEFAULT_API_BASE_URL, oauthBaseUrl: DEFAULT_OAUTH_BASE_URL },
  readError: readDropboxSignError,
  // The client secret is required for every token call and sent in the form body; no PKCE.
  oauth: { clientSecret: 'required', pkce: false, clientAuthentication: 'body' },
  signatures: { rules: dropboxSignRules },
  accountSetup: {},
} as const satisfies ServiceDefinition;
