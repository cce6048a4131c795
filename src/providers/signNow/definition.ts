// signNow as a value: identity, default hosts, OAuth traits, the rules the model and commands follow
// for it (sources: ../shared/notes/providers.md), and the factories the runtime builds its clients with.
import { deferredMethods } from '../../core/onFirstCall';
import { type ServiceContext, type ServiceDefinition, type SignatureRules, type SignatureService, SIGNATURE_METHODS } from '../../model/service';
import { createSignNowOAuthClient, createSignNowService, readSignNowError, type SignNowOAuth } from './clients';
import { DEFAULT_API_BASE_URL, DEFAULT_APP_BASE_URL, SIGNING_STATUS_FILTER, SIGNING_STATUSES } from './endpoints';

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
  // Resend (PUT /fieldinvite/{id}/resend) and cancel (fieldinvitecancel) exist; signNow has no hold, no
  // test mode and no signer update, so SignDesk does not pretend (issue 13).
  supportsRemind: true,
  supportsCancel: true,
  supportsHold: false,
  supportsTestMode: false,
  supportsUpdateSigner: false,
  // Several signers become one ordered role-based field invite (issue 13).
  alwaysOrdered: true,
  // signNow can create a document from a URL (POST /v2/documents/url), but SignDesk's signNow client does not call it yet.
  fileUrls: 'SignDesk sends signNow uploaded files only: signNow’s create-from-URL (POST /v2/documents/url) is not wired into SignDesk’s signNow client yet.',
  // GET /folder/{id} filters by signing status, and signNow has no search.
  filterHint: SIGNING_STATUS_FILTER,
  filterValues: SIGNING_STATUSES,
};

/** The token endpoint, plus /user for whose the new token is. */
function createOAuthClient(context: ServiceContext): SignNowOAuth {
  return deferredMethods<SignNowOAuth>(() => createSignNowOAuthClient(context), {
    authorizeUrl: true, exchangeCode: true, refresh: true, revoke: true, passwordGrant: true, tokenSecondsLeft: true, getAccount: true,
  });
}

export const signNow = {
  id: 'signNow',
  label: 'signNow',
  authProviderId: 'signdesk-signnow',
  defaults: { apiBaseUrl: DEFAULT_API_BASE_URL, oauthBaseUrl: DEFAULT_APP_BASE_URL },
  // Read when an error answer arrives (its code loads then, with the clients').
  readError: (status, body, contentType) => readSignNowError(status, body, contentType),
  // The token endpoint takes the client as `Authorization: Basic base64(id:secret)`; no PKCE in any SDK.
  // A refresh takes the client too.
  oauth: { clientSecret: 'required', pkce: false, clientAuthentication: 'basic', refreshNeedsClient: true, ownRedirectSetting: { auto: 'loopback' }, create: createOAuthClient },
  signatures: {
    rules: signNowRules,
    create: (context) => deferredMethods<SignatureService>(() => createSignNowService(context), SIGNATURE_METHODS),
  },
} as const satisfies ServiceDefinition;
