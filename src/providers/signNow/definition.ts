// signNow as a value: identity, default hosts, OAuth traits and the rules the model and commands follow
// for it (sources: ../shared/notes/providers.md). Not in providers/index.ts yet: that waits for the
// per-service runtime.
import type { ServiceDefinition, SignatureRules } from '../../model/service';
import { DEFAULT_API_BASE_URL, DEFAULT_APP_BASE_URL } from './endpoints';
import { readSignNowError } from './errorBody';

export const signNowRules: SignatureRules = {
  // The upload docs' list (.doc .docx .pdf .xls .xlsx .ppt .pptx .png) plus what the official client sends.
  acceptedFileTypes: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'png', 'odt', 'rtf', 'jpg', 'jpeg', 'gif', 'bmp'],
  // Not documented; the sandbox refuses above 40 MB, as Dropbox Sign does.
  maxFileBytes: 40 * 1024 * 1024,
  // Not documented; SignDesk's own limits for what it shows.
  fieldLimits: { title: 255, subject: 255, message: 5000 },
  // GET /folder/{id}: limit is capped at 100.
  maxPageSize: 100,
  // signNow publishes no rate limit: a conservative guess until a 429 says otherwise.
  defaultRateLimit: { limit: 60, windowMs: 60_000 },
  // No documented minimum between resends.
  reminderIntervalMs: 0,
  downloadFormats: ['pdf', 'zip'],
  // A canceled document stays in its folder, with its invites canceled.
  canceledRequestsLeaveList: false,
};

export const signNow = {
  id: 'signNow',
  label: 'signNow',
  authProviderId: 'signdesk-signnow',
  defaults: { apiBaseUrl: DEFAULT_API_BASE_URL, oauthBaseUrl: DEFAULT_APP_BASE_URL },
  readError: readSignNowError,
  // The token endpoint takes the client as `Authorization: Basic base64(id:secret)`; no PKCE in any SDK.
  oauth: { clientSecret: 'required', pkce: false, clientAuthentication: 'basic' },
  signatures: { rules: signNowRules },
} as const satisfies ServiceDefinition;
