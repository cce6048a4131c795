// SignatureService for signNow: the API client plus mapping, in model terms. signNow's definition builds it on
// first use, in each runtime (clients.ts, shipped in dist/features.js).
import { InvalidInputError } from '../../core/errors';
import type { Account } from '../../model/account';
import type { Page } from '../../model/page';
import type { FileLink, ListRequestsParams, SentSignatureRequest, SignatureService } from '../../model/service';
import type { NewSignatureRequest, SignatureRequest, SignerUpdate } from '../../model/signatureRequest';
import type { SignNowApi } from './apiClient';
import { isEvalEnvironment, SIGNING_STATUS_FILTER, SIGNING_STATUSES, type SignNowSettings } from './endpoints';
import { isDraft, toAccount, toSignatureRequest } from './mapping';
import type { SnFolderJson } from './types';

const MAX_LIMIT = 100;

export class SignNowService implements SignatureService {
  /** The signed-in account's login email: the `from` of invites and who counts as the sender. */
  private accountEmail: string | undefined;
  private documentsFolderId: string | undefined;
  /** Where each page ended: `<signing status> <position in the list>` → offset in the folder. */
  private readonly ends = new Map<string, number>();

  constructor(
    private readonly api: SignNowApi,
    private readonly settings: () => SignNowSettings,
  ) {}

  async getAccount(token: string, signal?: AbortSignal): Promise<Account> {
    const account = toAccount(await this.api.getUser(token, signal));
    this.accountEmail = account.email;
    return account;
  }

  /**
   * One page of the Documents folder, newest first. Documents without invites (drafts) are not requests and
   * are left out; when they leave a page short, the folder is read further until the page is full or the
   * folder ends. The list's positions run behind the folder's offsets by the drafts passed, so where each
   * page ended in the folder is kept (`ends`): the next page (Load more, a refresh's next chunk) starts
   * there, neither skipping nor repeating a document; page 1 starts over. numResults is total_documents less
   * the drafts (counted by a one-document call filtered to `unsent`, made alongside the first read).
   * `query` is a signNow signing status (e.g. `pending`: drafts never match one); other text is refused with
   * an InvalidInputError naming them (signNow has no search, and listing everything would pass for filtered).
   */
  async listRequests(token: string, params: ListRequestsParams, signal?: AbortSignal): Promise<Page<SignatureRequest>> {
    const pageSize = Math.min(Math.max(params.pageSize ?? 20, 1), MAX_LIMIT);
    const signingStatus = params.query?.trim().toLowerCase() || undefined;
    // signNow filters by signing status only: other text would list everything under "Filtered by …".
    if (signingStatus && !SIGNING_STATUSES.includes(signingStatus)) {
      throw new InvalidInputError(`signNow filters by ${SIGNING_STATUS_FILTER}.`);
    }
    const folderId = await this.documentsFolder(token, signal);
    const start = (params.page - 1) * pageSize;
    if (params.page < 2) this.ends.clear();
    // Where the previous page ended in the folder (Load more, a refresh's next chunk); else from the top.
    let position = start;
    let offset = this.ends.get(`${signingStatus} ${start}`);
    if (offset === undefined) position = offset = 0;
    const read = (limit: number) => this.api.getFolder(token, folderId, { offset: offset!, limit, signingStatus }, signal);
    const count = (f: SnFolderJson) => Number(f.total_documents) || 0;
    let limit = Math.min(MAX_LIMIT, start - position + pageSize);
    const [first, drafts] = await Promise.all([
      read(limit),
      signingStatus ? 0 : this.api.getFolder(token, folderId, { offset: 0, limit: 1, signingStatus: 'unsent' }, signal).then(count),
    ]);
    let folder = first;
    const email = await this.email(token, signal);
    const { apiBaseUrl, oauthBaseUrl } = this.settings();
    const testMode = isEvalEnvironment(apiBaseUrl);
    const items: SignatureRequest[] = [];
    let ended: boolean;
    for (;;) {
      const documents = folder.documents ?? [];
      for (const d of documents) {
        if (items.length === pageSize) break;
        offset++;
        if (!isDraft(d) && position++ >= start) items.push(toSignatureRequest(d, email, testMode, oauthBaseUrl));
      }
      ended = documents.length < limit || offset >= count(folder);
      // Full, the folder's end, or every request passed (only drafts follow).
      if (items.length === pageSize || ended || position >= count(folder) - drafts) break;
      folder = await read((limit = Math.min(MAX_LIMIT, start + pageSize - position)));
    }
    this.ends.set(`${signingStatus} ${position}`, offset);
    const numResults = Math.max(position, count(folder) - drafts);
    const numPages = Math.max(1, Math.ceil(numResults / pageSize));
    return { items, page: params.page, numPages, numResults, pageSize, hasMore: !ended && params.page < numPages };
  }

  async getRequest(token: string, id: string, signal?: AbortSignal): Promise<SignatureRequest> {
    const { apiBaseUrl, oauthBaseUrl } = this.settings();
    return toSignatureRequest(await this.api.getDocument(token, id, signal), await this.email(token, signal), isEvalEnvironment(apiBaseUrl), oauthBaseUrl);
  }

  /**
   * Uploads the file, then invites: one signer → a free-form invite; several → one signature field per
   * signer and an ordered role-based field invite. `from` is the account's login email, as signNow requires.
   */
  async sendRequest(token: string, request: NewSignatureRequest, signal?: AbortSignal): Promise<SentSignatureRequest> {
    const file = request.files?.[0];
    if (!file || request.files!.length > 1 || request.fileUrls?.length) {
      throw new InvalidInputError('signNow sends one uploaded file per request.');
    }
    if (request.signers.length === 0) {
      throw new InvalidInputError('Add at least one signer.');
    }
    const from = await this.email(token, signal);
    if (!from) {
      throw new InvalidInputError('The signNow account’s email is unknown.');
    }
    const id = await this.api.uploadDocument(token, file, request.title, signal);
    if (request.signers.length === 1) {
      await this.api.invite(token, id, { to: request.signers[0].email, from, subject: request.subject, message: request.message });
    } else {
      const roles = request.signers.map((_, i) => `Signer ${i + 1}`);
      await this.api.addSignatureFields(token, id, roles);
      const doc = await this.api.getDocument(token, id, signal);
      const roleIds = new Map((doc.roles ?? []).map((r) => [r.name, r.unique_id]));
      // The model counts signers from 0, signNow's order from 1 (it refuses 0).
      const to = request.signers.map((s, i) => ({ email: s.email, role: roles[i], role_id: roleIds.get(roles[i]) ?? '', order: (s.order ?? i) + 1 }));
      await this.api.invite(token, id, { to, from, subject: request.subject, message: request.message });
    }
    return { request: await this.getRequest(token, id, signal), warnings: [] };
  }

  /** Field invites: fieldinvitecancel; free-form: each open invite's cancel, by its unique_id (the invite id). */
  async cancelRequest(token: string, id: string): Promise<void> {
    const doc = await this.api.getDocument(token, id);
    if ((doc.field_invites ?? []).some((i) => i.status === 'pending' || i.status === 'created')) {
      return this.api.cancelFieldInvites(token, id);
    }
    const open = (doc.requests ?? []).filter((r) => !r.canceled && !r.signature_id);
    if (open.length === 0) {
      throw new InvalidInputError('This signNow document has no open invite to cancel.');
    }
    for (const r of open) {
      await this.api.cancelFreeFormInvite(token, r.unique_id ?? r.id);
    }
  }

  /** Resends the signer's pending field invite; free-form invites have no documented reminder. */
  async remind(token: string, id: string, email: string): Promise<SignatureRequest> {
    const doc = await this.api.getDocument(token, id);
    const invite = (doc.field_invites ?? []).find((i) => i.email.toLowerCase() === email.toLowerCase() && i.status === 'pending');
    if (!invite) {
      throw new InvalidInputError(`signNow can remind ${email} only on a field invite, once it is their turn.`);
    }
    await this.api.resendFieldInvite(token, invite.id);
    return this.getRequest(token, id);
  }

  releaseHold(): Promise<SignatureRequest> {
    return Promise.reject(new InvalidInputError('signNow has no hold to release.'));
  }

  updateSigner(_token: string, _id: string, _update: SignerUpdate): Promise<SignatureRequest> {
    return Promise.reject(new InvalidInputError('Changing a signer is not supported for signNow yet.'));
  }

  downloadFiles(token: string, id: string, format: 'pdf' | 'zip', signal?: AbortSignal): Promise<Buffer> {
    return this.api.download(token, id, format === 'zip' ? 'zip' : 'collapsed', signal);
  }

  /** signNow's link is one-time use and tells no expiry: treated as good for a minute. */
  async fileLink(token: string, id: string): Promise<FileLink> {
    return { url: await this.api.downloadLink(token, id), expiresAt: Date.now() + 60_000 };
  }

  private async documentsFolder(token: string, signal?: AbortSignal): Promise<string> {
    if (!this.documentsFolderId) {
      const root = await this.api.getRootFolder(token, signal);
      const documents = (root.folders ?? []).find((f) => f.name === 'Documents' && f.system_folder !== false);
      if (!documents) {
        throw new InvalidInputError('signNow did not list a Documents folder for this account.');
      }
      this.documentsFolderId = documents.id;
    }
    return this.documentsFolderId;
  }

  private async email(token: string, signal?: AbortSignal): Promise<string | undefined> {
    if (this.accountEmail === undefined) {
      await this.getAccount(token, signal);
    }
    return this.accountEmail;
  }
}
