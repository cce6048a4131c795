// Dropbox Sign shapes → service-neutral model (and the model's NewSignatureRequest → a send body).
// Fields we use are type-checked: a present value of the wrong type is a BadResponseError (null counts
// as absent, as the spec marks many fields nullable). Dropbox Sign times are epoch seconds; the model's are ms.
import { InvalidInputError } from '../../core/errors';
import type { MultipartFile } from '../../core/http';
import type { Account } from '../../model/account';
import type { Page } from '../../model/page';
import type { FileLink } from '../../model/service';
import type {
  NewSignatureRequest,
  SignatureRequest,
  SignatureRequestState,
  Signer,
  SignerStatus,
} from '../../model/signatureRequest';
import { isJsonObject } from '../errorBody';
import { unexpectedShape, type SignatureRequestSendBody } from './apiClient';
import type {
  AccountResponse,
  FileResponse,
  ListInfoResponse,
  SignatureRequestResponse,
  SignatureRequestResponseSignatures,
  WarningResponse,
} from './types';

type Json = Record<string, unknown>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Reader<T> = (obj: Json, key: string, context: string) => T | undefined;

/** A reader of fields of one JSON type: null counts as absent, a present value of another type is refused. */
function optional<T>(type: 'string' | 'number' | 'boolean', expected: string): Reader<T> {
  return (obj, key, context) => {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) throw unexpectedShape(`${context}.${key} is not ${expected}`);
    return value as T;
  };
}

const optString = optional<string>('string', 'a string');
const optNumber = optional<number>('number', 'a number');
const optBoolean = optional<boolean>('boolean', 'true/false');

/** A string with something in it: an empty one counts as absent. */
const optText: Reader<string> = (obj, key, context) => optString(obj, key, context) || undefined;

function optSecondsAsMs(obj: Json, key: string, context: string): number | undefined {
  const seconds = optNumber(obj, key, context);
  return seconds === undefined ? undefined : seconds * 1000;
}

function reqString(obj: Json, key: string, context: string): string {
  const value = optText(obj, key, context);
  if (value === undefined) throw unexpectedShape(`${context}.${key} is missing`);
  return value;
}

function asObject(value: unknown, context: string): Json {
  if (!isJsonObject(value)) throw unexpectedShape(`${context} is not an object`);
  return value;
}

export function mapAccount(response: AccountResponse): Account {
  const context = 'account';
  const obj = asObject(response, context);
  const account: Mutable<Account> = { id: reqString(obj, 'account_id', context), email: reqString(obj, 'email_address', context) };
  const isLocked = optBoolean(obj, 'is_locked', context);
  if (isLocked !== undefined) account.isLocked = isLocked;
  const isPaid = optBoolean(obj, 'is_paid_hs', context);
  if (isPaid !== undefined) account.isPaid = isPaid;
  const quotas = obj.quotas === undefined || obj.quotas === null ? undefined : asObject(obj.quotas, 'account.quotas');
  const left = quotas && optNumber(quotas, 'api_signature_requests_left', 'account.quotas');
  if (left !== undefined) account.apiSignatureRequestsLeft = left;
  const locale = optString(obj, 'locale', context);
  if (locale !== undefined) account.locale = locale;
  return account;
}

/**
 * status_code → SignerStatus. Known codes: awaiting_signature (→ viewed once last_viewed_at is set),
 * signed, declined, on_hold (hold_request), error_* (e.g. error_file). Anything else → unknown,
 * unless signed_at says it was signed.
 */
export function signerStatus(statusCode: string | undefined, signedAt: number | undefined, lastViewedAt: number | undefined): SignerStatus {
  switch (statusCode) {
    case 'signed':
      return 'signed';
    case 'declined':
      return 'declined';
    case 'on_hold':
      return 'onHold';
    case 'awaiting_signature':
      return lastViewedAt !== undefined ? 'viewed' : 'awaiting';
  }
  if (statusCode?.startsWith('error')) {
    return 'error';
  }
  return signedAt !== undefined ? 'signed' : 'unknown';
}

export function mapSigner(signature: SignatureRequestResponseSignatures, index: number): Signer {
  const context = `signatures[${index}]`;
  const obj = asObject(signature, context);
  const statusCode = optString(obj, 'status_code', context);
  const signedAt = optSecondsAsMs(obj, 'signed_at', context);
  const lastViewedAt = optSecondsAsMs(obj, 'last_viewed_at', context);
  // Field by field in one order, absent ones left out: compact objects of one shape for the thousands the
  // requests view keeps (a table of fields would be smaller, but its keyed stores take twice the time).
  const signer = {} as Mutable<Signer>;
  const id = optString(obj, 'signature_id', context);
  if (id !== undefined) signer.id = id;
  signer.email = optString(obj, 'signer_email_address', context) ?? '';
  const name = optText(obj, 'signer_name', context);
  if (name) signer.name = name;
  const role = optText(obj, 'signer_role', context);
  if (role) signer.role = role;
  const order = optNumber(obj, 'order', context);
  if (order !== undefined) signer.order = order;
  signer.status = signerStatus(statusCode, signedAt, lastViewedAt);
  if (statusCode !== undefined) signer.statusCode = statusCode;
  if (signedAt !== undefined) signer.signedAt = signedAt;
  if (lastViewedAt !== undefined) signer.lastViewedAt = lastViewedAt;
  const lastRemindedAt = optSecondsAsMs(obj, 'last_reminded_at', context);
  if (lastRemindedAt !== undefined) signer.lastRemindedAt = lastRemindedAt;
  const declineReason = optText(obj, 'decline_reason', context);
  if (declineReason) signer.declineReason = declineReason;
  const error = optText(obj, 'error', context);
  if (error) signer.error = error;
  return signer;
}

/**
 * State, first match wins:
 * 1. declined — is_declined, or any signer declined (the flag can lag the signature).
 * 2. error — has_error, or any signer in an error_* status.
 * 3. completed — is_complete (every signer signed).
 * 4. awaiting — everything else, including requests on hold (see `onHold`).
 * Never canceled: Dropbox Sign has no canceled flag. A canceled request answers 410 (NotFoundError)
 * and drops out of the list, so only the app can know; RequestsModel marks it after a cancel.
 */
export function requestState(
  flags: { isDeclined: boolean; hasError: boolean; isComplete: boolean },
  signers: Signer[],
): SignatureRequestState {
  if (flags.isDeclined || signers.some((s) => s.status === 'declined')) {
    return 'declined';
  }
  if (flags.hasError || signers.some((s) => s.status === 'error')) {
    return 'error';
  }
  if (flags.isComplete) {
    return 'completed';
  }
  return 'awaiting';
}

export function mapSignatureRequest(response: SignatureRequestResponse): SignatureRequest {
  const context = 'signature_request';
  const obj = asObject(response, context);
  const rawSignatures = obj.signatures ?? [];
  if (!Array.isArray(rawSignatures)) {
    throw unexpectedShape(`${context}.signatures is not a list`);
  }
  const signers = rawSignatures.map((s, i) => mapSigner(s as SignatureRequestResponseSignatures, i));
  const rawCc = obj.cc_email_addresses ?? [];
  if (!Array.isArray(rawCc) || rawCc.some((e) => typeof e !== 'string')) {
    throw unexpectedShape(`${context}.cc_email_addresses is not a list of strings`);
  }
  const isComplete = optBoolean(obj, 'is_complete', context) ?? false;
  const flags = {
    isComplete,
    isDeclined: optBoolean(obj, 'is_declined', context) ?? false,
    hasError: optBoolean(obj, 'has_error', context) ?? false,
  };
  // As mapSigner: field by field in one order, absent ones left out.
  const request = {} as Mutable<SignatureRequest>;
  request.id = reqString(obj, 'signature_request_id', context);
  request.title = optText(obj, 'title', context) ?? optText(obj, 'original_title', context) ?? optText(obj, 'subject', context) ?? '';
  const subject = optText(obj, 'subject', context);
  if (subject) request.subject = subject;
  const message = optText(obj, 'message', context);
  if (message) request.message = message;
  request.state = requestState(flags, signers);
  request.onHold = signers.some((s) => s.status === 'onHold');
  request.isComplete = isComplete;
  request.testMode = optBoolean(obj, 'test_mode', context) ?? false;
  const createdAt = optSecondsAsMs(obj, 'created_at', context);
  if (createdAt !== undefined) request.createdAt = createdAt;
  const expiresAt = optSecondsAsMs(obj, 'expires_at', context);
  if (expiresAt !== undefined) request.expiresAt = expiresAt;
  const requesterEmail = optText(obj, 'requester_email_address', context);
  if (requesterEmail) request.requesterEmail = requesterEmail;
  const detailsUrl = optText(obj, 'details_url', context);
  if (detailsUrl) request.detailsUrl = detailsUrl;
  const signingUrl = optText(obj, 'signing_url', context);
  if (signingUrl) request.signingUrl = signingUrl;
  const filesUrl = optText(obj, 'files_url', context);
  if (filesUrl) request.filesUrl = filesUrl;
  request.ccEmails = rawCc as string[];
  request.signers = signers;
  return request;
}

/**
 * list_info → paging. Missing numbers fall back to what was asked for and what arrived, so a
 * sparse list_info still yields a usable page; wrong types are refused.
 */
export function mapPage<T>(items: T[], listInfo: ListInfoResponse, requested: { page?: number; pageSize?: number } = {}): Page<T> {
  const context = 'list_info';
  const obj = asObject(listInfo, context);
  const page = optNumber(obj, 'page', context) ?? requested.page ?? 1;
  const pageSize = optNumber(obj, 'page_size', context) ?? requested.pageSize ?? items.length;
  const numPages = optNumber(obj, 'num_pages', context) ?? page;
  const numResults = optNumber(obj, 'num_results', context) ?? (numPages <= 1 ? items.length : numPages * pageSize);
  return { items, page, numPages, numResults, pageSize, hasMore: page < numPages };
}

export function mapFileLink(response: FileResponse): FileLink {
  const obj = asObject(response, 'file_response');
  const expiresAt = optSecondsAsMs(obj, 'expires_at', 'file_response');
  if (expiresAt === undefined) throw unexpectedShape('file_response.expires_at is missing');
  return { url: reqString(obj, 'file_url', 'file_response'), expiresAt };
}

/** The human-readable text of Dropbox Sign's `warnings` (things it adjusted while accepting a call). */
export function mapWarnings(warnings: WarningResponse[] | undefined): string[] {
  if (!Array.isArray(warnings)) return [];
  return warnings
    .map((w) => (w && typeof w.warning_msg === 'string' ? w.warning_msg.trim() : ''))
    .filter((text) => text.length > 0);
}

/** NewSignatureRequest → the send body + file parts (apiClient.sendSignatureRequest's arguments). */
export function toSendRequest(request: NewSignatureRequest): { body: SignatureRequestSendBody; files: MultipartFile[] } {
  if (request.signers.length === 0) {
    throw new InvalidInputError('Add at least one signer.');
  }
  const body: SignatureRequestSendBody = {
    signers: request.signers.map((signer) => ({ email_address: signer.email, name: signer.name, ...(signer.order === undefined ? {} : { order: signer.order }) })),
    test_mode: request.testMode,
    // The API's defaults, stated because the generated type requires them.
    allow_decline: false,
    allow_reassign: false,
    hide_text_tags: false,
    is_eid: false,
    use_text_tags: false,
  };
  for (const key of ['title', 'subject', 'message'] as const) {
    if (request[key]) body[key] = request[key];
  }
  if (request.ccEmails?.length) body.cc_email_addresses = [...request.ccEmails];
  if (request.fileUrls?.length) body.file_urls = [...request.fileUrls];
  const files: MultipartFile[] = (request.files ?? []).map((file, index) => ({ field: `files[${index}]`, ...file }));
  return { body, files };
}
