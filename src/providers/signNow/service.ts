// SignatureService for signNow: the API client plus mapping, in model terms. Not wired into the extension
// yet (that waits for the per-service runtime); tested against the signNow sandbox.
import { InvalidInputError } from '../../core/errors';
import type { Account } from '../../model/account';
import type { Page } from '../../model/page';
import type { FileLink, ListRequestsParams, SentSignatureRequest, SignatureService } from '../../model/service';
import type { NewSignatureRequest, SignatureRequest, SignerUpdate } from '../../model/signatureRequest';
import type { SignNowApi } from './apiClient';
import { isEvalEnvironment, type SignNowSettings } from './endpoints';
import { isDraft, toAccount, toSignatureRequest } from './mapping';

/** signNow's signing-status filter values a list query may name. */
const SIGNING_STATUS = new Set(['signed', 'pending', 'waiting-for-me', 'waiting-for-others', 'expired']);
const MAX_LIMIT = 100;

export class SignNowService implements SignatureService {
  /** The signed-in account's login email: the `from` of invites and who counts as the sender. */
  private accountEmail: string | undefined;
  private documentsFolderId: string | undefined;

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
   * are left out of the items, so a page may hold fewer than pageSize; numResults counts what is listed
   * (total_documents less the drafts, which a second one-document call filtered to `unsent` counts), while
   * numPages and hasMore follow the folder's own paging. `query` may be a signNow signing status (e.g.
   * `pending`: drafts never match one); other text is ignored (signNow has no search).
   */
  async listRequests(token: string, params: ListRequestsParams, signal?: AbortSignal): Promise<Page<SignatureRequest>> {
    const pageSize = Math.min(Math.max(params.pageSize ?? 20, 1), MAX_LIMIT);
    const folderId = await this.documentsFolder(token, signal);
    const status = params.query?.trim().toLowerCase();
    const signingStatus = status && SIGNING_STATUS.has(status) ? status : undefined;
    const [folder, drafts] = await Promise.all([
      this.api.getFolder(token, folderId, { offset: (params.page - 1) * pageSize, limit: pageSize, signingStatus }, signal),
      signingStatus ? Promise.resolve(0) : this.api.getFolder(token, folderId, { offset: 0, limit: 1, signingStatus: 'unsent' }, signal).then((f) => (typeof f.total_documents === 'number' ? f.total_documents : 0)),
    ]);
    const email = await this.email(token, signal);
    const testMode = isEvalEnvironment(this.settings().apiBaseUrl);
    const items = (folder.documents ?? []).filter((d) => !isDraft(d)).map((d) => toSignatureRequest(d, email, testMode));
    const total = typeof folder.total_documents === 'number' ? folder.total_documents : items.length;
    const numPages = Math.max(1, Math.ceil(total / pageSize));
    return { items, page: params.page, numPages, numResults: Math.max(items.length, total - drafts), pageSize, hasMore: params.page < numPages };
  }

  async getRequest(token: string, id: string, signal?: AbortSignal): Promise<SignatureRequest> {
    return toSignatureRequest(await this.api.getDocument(token, id, signal), await this.email(token, signal), isEvalEnvironment(this.settings().apiBaseUrl));
  }

  /**
   * Uploads the file, then invites: one signer → a free-form invite; several → one signature field per
   * signer and an ordered role-based field invite. `from` is the account's login email, as signNow requires.
   */
  async sendRequest(token: string, request: NewSignatureRequest, signal?: AbortSignal): Promise<SentSignatureRequest> {
    const file = request.files?.[0];
    if (!file || (request.files?.length ?? 0) > 1 || (request.fileUrls?.length ?? 0) > 0) {
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
      await this.api.freeFormInvite(token, id, { to: request.signers[0].email, from, subject: request.subject, message: request.message });
    } else {
      const roles = request.signers.map((_, i) => `Signer ${i + 1}`);
      await this.api.addSignatureFields(token, id, roles);
      const doc = await this.api.getDocument(token, id, signal);
      const roleIds = new Map((doc.roles ?? []).map((r) => [r.name, r.unique_id]));
      const to = request.signers.map((s, i) => ({ email: s.email, role: roles[i], roleId: roleIds.get(roles[i]) ?? '', order: s.order ?? i + 1 }));
      await this.api.fieldInvite(token, id, { to, from, subject: request.subject, message: request.message });
    }
    return { request: await this.getRequest(token, id, signal), warnings: [] };
  }

  /** Field invites: fieldinvitecancel; free-form: each open invite's cancel. */
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
      await this.api.cancelFreeFormInvite(token, r.id);
    }
  }

  /** Resends the signer's pending field invite; free-form invites have no documented reminder. */
  async remind(token: string, id: string, email: string): Promise<SignatureRequest> {
    const doc = await this.api.getDocument(token, id);
    const invite = (doc.field_invites ?? []).find((i) => i.email.toLowerCase() === email.toLowerCase() && i.status === 'pending');
    if (!invite) {
      throw new InvalidInputError(`signNow can remind only a signer whose turn it is, on a role-based invite (${email} is not).`);
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
