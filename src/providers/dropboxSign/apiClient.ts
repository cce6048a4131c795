// Typed Dropbox Sign API v3 client over HttpClient. Every method takes the credential first
// (an OAuth access token, or `{ apiKey }` for Basic auth, which the spec allows on every operation
// used here), so callers can wrap calls in TokenManager.withToken. Responses are checked at the top
// level (right envelope, right types); mapping.ts checks the fields it turns into the model.
import { BadResponseError, InvalidInputError } from '../../core/errors';
import type { HttpClient, HttpRequest, HttpResponse, MultipartFile } from '../../core/http';
import { apiUrl, segment, type DropboxSignSettings } from './endpoints';
import type {
  AccountCreateResponse,
  AccountGetResponse,
  AccountVerifyResponse,
  FileResponse,
  SignatureRequestGetResponse,
  SignatureRequestListResponse,
  SignatureRequestRemindRequest,
  SignatureRequestSendRequest,
  SignatureRequestUpdateRequest,
} from './types';

/** An OAuth access token (Bearer), or an API key (Basic, key as user name, empty password). */
export type Credential = string | { apiKey: string };

export interface ListSignatureRequestsParams {
  /** Which account's requests; 'all' for every account the caller can see. Omit for the caller's own. */
  accountId?: string;
  /** 1-based. */
  page?: number;
  /** 1–100 per the spec. */
  pageSize?: number;
  /** Dropbox Sign search syntax, passed through. */
  query?: string;
}

/** The send body without `files`: files travel as MultipartFile parts. */
export type SignatureRequestSendBody = Omit<SignatureRequestSendRequest, 'files'>;

export interface CreateAccountParams {
  emailAddress: string;
  clientId?: string;
  clientSecret?: string;
  locale?: string;
}

export function authorizationHeader(credential: Credential): string {
  if (typeof credential === 'string') {
    if (credential === '') {
      throw new InvalidInputError('No access token to call Dropbox Sign with.');
    }
    return `Bearer ${credential}`;
  }
  if (credential.apiKey === '') {
    throw new InvalidInputError('No API key to call Dropbox Sign with.');
  }
  return `Basic ${Buffer.from(`${credential.apiKey}:`, 'utf8').toString('base64')}`;
}

/**
 * Flattens a JSON body into multipart fields the way Dropbox Sign reads them:
 * `signers[0][email_address]`, `cc_email_addresses[1]`, `metadata[key]`; booleans as 1/0;
 * null/undefined skipped.
 */
export function toFormFields(value: Record<string, unknown>): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  const visit = (name: string, item: unknown): void => {
    if (item === undefined || item === null) {
      return;
    }
    if (Array.isArray(item)) {
      item.forEach((element, index) => visit(`${name}[${index}]`, element));
    } else if (typeof item === 'object') {
      for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
        visit(`${name}[${key}]`, child);
      }
    } else if (typeof item === 'boolean') {
      fields.push([name, item ? '1' : '0']);
    } else {
      fields.push([name, String(item)]);
    }
  };
  for (const [key, item] of Object.entries(value)) {
    visit(key, item);
  }
  return fields;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Parses the body and checks that `key` holds an object (or an array, with `array`). */
function envelope<T>(response: HttpResponse, key: string, what: 'object' | 'array' = 'object'): T {
  const body = response.json<unknown>();
  if (!isObject(body)) {
    throw new BadResponseError('Dropbox Sign sent data in an unexpected shape (not a JSON object).', { status: response.status });
  }
  return holds<T>(body, key, what, response.status);
}

/** Checks another key of a parsed envelope (a page of requests is the largest answer: it is parsed once). */
function holds<T>(body: Record<string, unknown>, key: string, what: 'object' | 'array', status: number): T {
  const inner = body[key];
  const ok = what === 'array' ? Array.isArray(inner) : isObject(inner);
  if (!ok) {
    throw new BadResponseError(`Dropbox Sign sent data in an unexpected shape (${key} missing or not an ${what}).`, { status });
  }
  return body as T;
}

const MAGIC: Record<'pdf' | 'zip', Buffer> = { pdf: Buffer.from('%PDF'), zip: Buffer.from('PK') };

export class DropboxSignApi {
  constructor(
    private readonly http: HttpClient,
    private readonly settings: () => DropboxSignSettings,
  ) {}

  /** GET /account — who the credential belongs to. */
  async getAccount(credential: Credential, signal?: AbortSignal): Promise<AccountGetResponse> {
    const response = await this.call(credential, { method: 'GET', url: this.url('account'), signal });
    return envelope<AccountGetResponse>(response, 'account');
  }

  /** POST /account/verify — does a Dropbox Sign account exist for this email? (`account` absent if not) */
  async verifyAccount(credential: Credential, emailAddress: string, signal?: AbortSignal): Promise<AccountVerifyResponse> {
    const response = await this.call(credential, {
      method: 'POST',
      url: this.url('account/verify'),
      body: { json: { email_address: emailAddress } },
      signal,
    });
    const body = response.json<unknown>();
    if (!isObject(body) || (body.account !== undefined && !isObject(body.account))) {
      throw new BadResponseError('Dropbox Sign sent data in an unexpected shape (account/verify).', { status: response.status });
    }
    return body as AccountVerifyResponse;
  }

  /** POST /account/create — with clientId/clientSecret the response carries oauth_data for that app. */
  async createAccount(credential: Credential, params: CreateAccountParams, signal?: AbortSignal): Promise<AccountCreateResponse> {
    const json: Record<string, string> = { email_address: params.emailAddress };
    if (params.clientId !== undefined) {
      json.client_id = params.clientId;
    }
    if (params.clientSecret !== undefined) {
      json.client_secret = params.clientSecret;
    }
    if (params.locale !== undefined) {
      json.locale = params.locale;
    }
    const response = await this.call(credential, { method: 'POST', url: this.url('account/create'), body: { json }, signal });
    return envelope<AccountCreateResponse>(response, 'account');
  }

  /** GET /signature_request/list */
  async listSignatureRequests(
    credential: Credential,
    params: ListSignatureRequestsParams = {},
    signal?: AbortSignal,
  ): Promise<SignatureRequestListResponse> {
    const response = await this.call(credential, {
      method: 'GET',
      url: this.url('signature_request/list'),
      query: { account_id: params.accountId, page: params.page, page_size: params.pageSize, query: params.query },
      signal,
    });
    const body = envelope<Record<string, unknown>>(response, 'list_info');
    return holds<SignatureRequestListResponse>(body, 'signature_requests', 'array', response.status);
  }

  /** GET /signature_request/{id} */
  async getSignatureRequest(credential: Credential, id: string, signal?: AbortSignal): Promise<SignatureRequestGetResponse> {
    const response = await this.call(credential, { method: 'GET', url: this.url(`signature_request/${segment(id)}`), signal });
    return envelope<SignatureRequestGetResponse>(response, 'signature_request');
  }

  /**
   * POST /signature_request/send. With `files` the body is multipart (`files[i]` parts plus the
   * flattened fields); without, JSON (then the body must carry `file_urls`). Never retried.
   */
  async sendSignatureRequest(
    credential: Credential,
    body: SignatureRequestSendBody,
    files: MultipartFile[] = [],
    signal?: AbortSignal,
  ): Promise<SignatureRequestGetResponse> {
    const hasUrls = (body.file_urls?.length ?? 0) > 0;
    if (files.length === 0 && !hasUrls) {
      throw new InvalidInputError('Add at least one file (or file URL) to send.');
    }
    if (files.length > 0 && hasUrls) {
      throw new InvalidInputError('Send either files or file URLs, not both.');
    }
    const request: HttpRequest =
      files.length > 0
        ? {
            method: 'POST',
            url: this.url('signature_request/send'),
            body: {
              multipart: {
                fields: toFormFields(body as Record<string, unknown>),
                files: files.map((file, index) => ({ ...file, field: `files[${index}]` })),
              },
            },
            signal,
          }
        : { method: 'POST', url: this.url('signature_request/send'), body: { json: body }, signal };
    const response = await this.call(credential, request);
    return envelope<SignatureRequestGetResponse>(response, 'signature_request');
  }

  /** POST /signature_request/cancel/{id} — 200 with an empty body; the cancel completes asynchronously. */
  async cancelSignatureRequest(credential: Credential, id: string): Promise<void> {
    await this.call(credential, { method: 'POST', url: this.url(`signature_request/cancel/${segment(id)}`) });
  }

  /** POST /signature_request/remind/{id} */
  async remindSignatureRequest(
    credential: Credential,
    id: string,
    emailAddress: string,
    name?: string,
  ): Promise<SignatureRequestGetResponse> {
    const json: SignatureRequestRemindRequest = { email_address: emailAddress };
    if (name !== undefined && name !== '') {
      json.name = name;
    }
    const response = await this.call(credential, {
      method: 'POST',
      url: this.url(`signature_request/remind/${segment(id)}`),
      body: { json },
    });
    return envelope<SignatureRequestGetResponse>(response, 'signature_request');
  }

  /** POST /signature_request/update/{id} — change a signer's email/name (by signature_id) or the expiry. */
  async updateSignatureRequest(
    credential: Credential,
    id: string,
    update: SignatureRequestUpdateRequest,
  ): Promise<SignatureRequestGetResponse> {
    if (update.email_address === undefined && update.name === undefined && update.expires_at === undefined) {
      throw new InvalidInputError('Nothing to update: give a new email address, name or expiry.');
    }
    const response = await this.call(credential, {
      method: 'POST',
      url: this.url(`signature_request/update/${segment(id)}`),
      body: { json: update },
    });
    return envelope<SignatureRequestGetResponse>(response, 'signature_request');
  }

  /** POST /signature_request/release_hold/{id} */
  async releaseHold(credential: Credential, id: string): Promise<SignatureRequestGetResponse> {
    const response = await this.call(credential, {
      method: 'POST',
      url: this.url(`signature_request/release_hold/${segment(id)}`),
    });
    return envelope<SignatureRequestGetResponse>(response, 'signature_request');
  }

  /**
   * GET /signature_request/files/{id}?file_type=pdf|zip — the bytes. 409 (ConflictError) while the
   * files are still being prepared. A body that is not a PDF/ZIP (e.g. an HTML page) → BadResponseError.
   */
  async downloadFiles(credential: Credential, id: string, fileType: 'pdf' | 'zip', signal?: AbortSignal): Promise<Buffer> {
    const response = await this.call(credential, {
      method: 'GET',
      url: this.url(`signature_request/files/${segment(id)}`),
      query: { file_type: fileType },
      headers: { Accept: fileType === 'pdf' ? 'application/pdf' : 'application/zip' },
      responseKind: 'file',
      signal,
    });
    if (!response.body.subarray(0, MAGIC[fileType].length).equals(MAGIC[fileType])) {
      throw new BadResponseError(`Dropbox Sign did not send a ${fileType.toUpperCase()} file.`, { status: response.status });
    }
    return response.body;
  }

  /** GET /signature_request/files_as_file_url/{id} — a temporary link (expires_at in epoch seconds). */
  async filesAsFileUrl(credential: Credential, id: string, signal?: AbortSignal): Promise<FileResponse> {
    const response = await this.call(credential, {
      method: 'GET',
      url: this.url(`signature_request/files_as_file_url/${segment(id)}`),
      query: { force_download: 0 },
      signal,
    });
    const body = response.json<unknown>();
    if (!isObject(body) || typeof body.file_url !== 'string' || typeof body.expires_at !== 'number') {
      throw new BadResponseError('Dropbox Sign sent data in an unexpected shape (file_url/expires_at).', { status: response.status });
    }
    return body as FileResponse;
  }

  private url(path: string): string {
    return apiUrl(this.settings().apiBaseUrl, path);
  }

  private call(credential: Credential, request: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    headers.Authorization = authorizationHeader(credential);
    return this.http.request({ ...request, headers });
  }
}
