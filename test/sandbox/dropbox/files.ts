// The routes the sandbox implements: files (list_folder + continue, get_metadata, get_temporary_link,
// download, upload), users/get_current_account and auth/token/revoke. Shapes follow files.stone.
import * as http from 'http';
import { randomToken } from '../kit/ids';
import { DropboxContext } from './context';
import { badInput, DropboxHttpError, headerSafeJson, lookupError, routeError, Tagged } from './errors';
import { ActiveDropboxFault } from './faults';
import { AccessToken, DropboxEntry, DropboxUser, Grant, ListCursor } from './model';
import { StoneRoute } from './stone';
import { dropboxContentHash, nameOf, WriteMode } from './store';

export interface RouteCall {
  ctx: DropboxContext;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  route: StoneRoute;
  user: DropboxUser;
  grant: Grant;
  token: AccessToken;
  arg: Record<string, unknown>;
  fault?: ActiveDropboxFault;
  readBody(): Promise<{ body: Buffer; tooLarge: boolean }>;
}

type Handler = (call: RouteCall) => unknown;

/** The handler wrote the answer itself (downloads). */
export const ANSWERED = Symbol('answered');

export function metadata(e: DropboxEntry): Record<string, unknown> {
  const common = { name: nameOf(e.pathDisplay), path_lower: e.pathDisplay.toLowerCase(), path_display: e.pathDisplay, id: e.id };
  if (e.tag === 'folder') return { '.tag': 'folder', ...common };
  return {
    '.tag': 'file',
    ...common,
    client_modified: e.clientModified,
    server_modified: e.serverModified,
    rev: e.rev,
    size: e.size,
    is_downloadable: true,
    content_hash: e.contentHash,
  };
}

type Resolved = { root: true } | { root: false; entry: DropboxEntry };

/** A path argument to an entry: "" is the root, `id:` and `rev:` are looked up, paths are case-insensitive. */
function resolve(ctx: DropboxContext, owner: string, path: string, errorTag = 'path'): Resolved {
  const fail = (tag: string) => routeError({ '.tag': errorTag, [errorTag]: { '.tag': tag } });
  if (path === '') return { root: true };
  let entry: DropboxEntry | undefined;
  if (path.startsWith('id:')) entry = ctx.store.byId(owner, path);
  else if (path.startsWith('rev:')) entry = ctx.store.byRev(owner, path.slice(4));
  else if (path.startsWith('ns:')) throw fail('not_found');
  else {
    if (isMalformed(path)) throw fail('malformed_path');
    entry = ctx.store.get(owner, path.toLowerCase());
  }
  if (!entry) throw fail('not_found');
  return { root: false, entry };
}

function isMalformed(path: string): boolean {
  return path.endsWith('/') || path.includes('//') || path.split('/').some((part) => part === '.' || part === '..');
}

function requireFile(r: Resolved): DropboxEntry {
  if (r.root || r.entry.tag !== 'file') throw routeError(lookupError('not_file'));
  return r.entry;
}

// ---- list_folder ----

function newCursor(ctx: DropboxContext, base: Omit<ListCursor, 'id'>): string {
  const id = `AAH${randomToken(30)}`;
  ctx.store.cursors.set(id, { ...base, id });
  return id;
}

function page(ctx: DropboxContext, c: ListCursor): Record<string, unknown> {
  let cursor = c;
  if (cursor.position >= cursor.snapshot.length) {
    // Past the listing: report what changed since, as list_folder/continue does for a long-lived cursor.
    const changed = ctx.store.changedSince(cursor.email, cursor.folderLower, cursor.recursive, cursor.seqAt).map((e) => e.id);
    cursor = { ...cursor, snapshot: changed, position: 0, seqAt: ctx.store.currentSeq() };
  }
  const slice = cursor.snapshot.slice(cursor.position, cursor.position + cursor.limit);
  const entries = slice.map((id) => ctx.store.byId(cursor.email, id)).filter((e): e is DropboxEntry => Boolean(e));
  const position = cursor.position + slice.length;
  const next = newCursor(ctx, { ...cursor, position });
  return { entries: entries.map(metadata), cursor: next, has_more: position < cursor.snapshot.length };
}

const listFolder: Handler = ({ ctx, user, arg }) => {
  const r = resolve(ctx, user.email, String(arg.path));
  if (!r.root && r.entry.tag !== 'folder') throw routeError(lookupError('not_folder'));
  const limit = arg.limit === undefined ? ctx.store.config.defaultListLimit : Number(arg.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 2000) throw badInput('files/list_folder', `request body: limit: ${String(arg.limit)} is not a valid value (1 to 2000)`);
  const recursive = arg.recursive === true;
  const folderLower = r.root ? '' : r.entry.pathDisplay.toLowerCase();
  const listed = ctx.store.children(user.email, folderLower, recursive).map((e) => e.id);
  // A recursive listing of a folder (not the root) starts with the folder itself.
  if (recursive && !r.root) listed.unshift(r.entry.id);
  return page(ctx, {
    id: '',
    email: user.email,
    folderLower,
    recursive,
    limit,
    snapshot: listed,
    position: 0,
    seqAt: ctx.store.currentSeq(),
    generation: ctx.store.cursorGeneration,
  });
};

const listFolderContinue: Handler = ({ ctx, user, arg }) => {
  const text = String(arg.cursor);
  if (!/^AAH[A-Za-z0-9_-]+$/.test(text)) throw badInput('files/list_folder/continue', 'request body: cursor: invalid cursor');
  const c = ctx.store.cursors.get(text);
  if (!c || c.email !== user.email || c.generation !== ctx.store.cursorGeneration) throw routeError({ '.tag': 'reset' });
  if (c.folderLower !== '' && !ctx.store.get(user.email, c.folderLower)) throw routeError(lookupError('not_found'));
  return page(ctx, c);
};

// ---- metadata, links, download ----

const getMetadata: Handler = ({ ctx, user, arg }) => {
  const r = resolve(ctx, user.email, String(arg.path));
  if (r.root) throw badInput('files/get_metadata', 'request body: path: The root folder is unsupported.');
  return metadata(r.entry);
};

const getTemporaryLink: Handler = ({ ctx, user, arg }) => {
  const file = requireFile(resolve(ctx, user.email, String(arg.path)));
  if (!user.emailVerified) throw routeError({ '.tag': 'email_not_verified' });
  const token = randomToken(24);
  const name = nameOf(file.pathDisplay);
  ctx.store.links.set(token, {
    token,
    name,
    content: file.content ?? Buffer.alloc(0),
    expiresAtMs: ctx.store.clock.nowMs() + ctx.store.config.temporaryLinkTtlSeconds * 1000,
  });
  return { metadata: metadata(file), link: `${ctx.urls.linkBaseUrl}/${token}/${encodeURIComponent(name)}` };
};

const download: Handler = ({ ctx, user, arg, req, res, fault }) => {
  const file = requireFile(resolve(ctx, user.email, String(arg.path)));
  if (arg.rev !== undefined && arg.rev !== file.rev) throw routeError(lookupError('not_found'));
  const content = file.content ?? Buffer.alloc(0);
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes' };
  if (fault?.kind !== 'missing_api_result') headers['Dropbox-API-Result'] = headerSafeJson(metadata(file));
  let status = 200;
  let body = content;
  const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
  if (range && (range[1] || range[2])) {
    const size = content.length;
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
      res.end();
      return ANSWERED;
    }
    status = 206;
    body = content.subarray(start, end + 1);
    headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  if (fault?.kind === 'truncated_download') {
    // Announce the whole length, send half, then cut the connection.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
    return ANSWERED;
  }
  res.end(body);
  return ANSWERED;
};

// ---- upload ----

function parseWriteMode(value: unknown): WriteMode {
  const tag = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as Tagged)['.tag'] : undefined;
  if (value === undefined) return { kind: 'add' };
  if (tag === 'add' || tag === 'overwrite') return { kind: tag };
  if (tag === 'update' && typeof value === 'object') {
    const rev = (value as Tagged).update;
    if (typeof rev !== 'string' || !/^[0-9a-f]{9,}$/.test(rev)) throw badInput('files/upload', `HTTP header "Dropbox-API-Arg": mode: update: '${String(rev)}' did not match pattern '[0-9a-f]+'`);
    return { kind: 'update', rev };
  }
  if (tag === 'update') throw badInput('files/upload', 'HTTP header "Dropbox-API-Arg": mode: update: missing the rev to update');
  throw badInput('files/upload', `HTTP header "Dropbox-API-Arg": mode: unknown tag '${String(tag)}'`);
}

const upload: Handler = async ({ ctx, user, arg, readBody }) => {
  const mode = parseWriteMode(arg.mode);
  for (const flag of ['autorename', 'mute', 'strict_conflict'] as const) {
    if (arg[flag] !== undefined && typeof arg[flag] !== 'boolean') throw badInput('files/upload', `HTTP header "Dropbox-API-Arg": ${flag}: expected boolean, got ${typeof arg[flag]}`);
  }
  if (arg.client_modified !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(String(arg.client_modified))) {
    throw badInput('files/upload', `HTTP header "Dropbox-API-Arg": client_modified: '${String(arg.client_modified)}' is not a timestamp like 2026-01-31T12:00:00Z`);
  }
  const { body, tooLarge } = await readBody();
  const uploadSessionId = `pid_upload_session:${randomToken(12)}`;
  const writeFailed = (reason: Tagged) => routeError({ '.tag': 'path', reason, upload_session_id: uploadSessionId });
  if (tooLarge) throw routeError({ '.tag': 'payload_too_large' });
  let path = String(arg.path);
  if (path.startsWith('id:')) {
    const target = ctx.store.byId(user.email, path);
    if (!target) throw writeFailed({ '.tag': 'malformed_path' });
    path = target.pathDisplay;
  } else if (path.startsWith('ns:') || isMalformed(path) || nameOf(path) === '') {
    throw writeFailed({ '.tag': 'malformed_path' });
  }
  if (arg.content_hash !== undefined) {
    if (dropboxContentHash(body) !== arg.content_hash) throw routeError({ '.tag': 'content_hash_mismatch' });
  }
  const outcome = ctx.store.write(user.email, path, body, mode, {
    autorename: arg.autorename === true,
    strictConflict: arg.strict_conflict === true,
    clientModified: arg.client_modified as string | undefined,
  });
  if ('conflict' in outcome) throw writeFailed({ '.tag': 'conflict', conflict: { '.tag': outcome.conflict } });
  return metadata(outcome.entry);
};

// ---- account, revoke ----

const getCurrentAccount: Handler = ({ user }) => ({
  account_id: user.accountId,
  name: {
    given_name: user.givenName,
    surname: user.surname,
    familiar_name: user.givenName,
    display_name: `${user.givenName} ${user.surname}`,
    abbreviated_name: `${user.givenName[0]}${user.surname[0]}`,
  },
  email: user.email,
  email_verified: user.emailVerified,
  disabled: user.disabled,
  country: user.country,
  locale: user.locale,
  referral_link: `https://db.tt/sandbox-${user.givenName.toLowerCase()}`,
  is_paired: false,
  account_type: { '.tag': user.accountType },
  root_info: { '.tag': 'user', root_namespace_id: user.namespaceId, home_namespace_id: user.namespaceId },
});

const revoke: Handler = ({ ctx, grant }) => {
  ctx.store.revokeGrant(grant.id);
  return null;
};

export const FILE_HANDLERS: Record<string, Handler> = {
  'files/list_folder': listFolder,
  'files/list_folder/continue': listFolderContinue,
  'files/get_metadata': getMetadata,
  'files/get_temporary_link': getTemporaryLink,
  'files/download': download,
  'files/upload': upload,
  'users/get_current_account': getCurrentAccount,
  'auth/token/revoke': revoke,
};

/** GET (or HEAD) on a temporary link: the bytes for 4 h of sandbox time, then 410 Gone. */
export function serveTemporaryLink(ctx: DropboxContext, req: http.IncomingMessage, res: http.ServerResponse, tokenPath: string): void {
  const token = tokenPath.split('/')[0] ?? '';
  const link = ctx.store.links.get(token);
  const count = (status: number) => {
    ctx.counters.linkFetches[status] = (ctx.counters.linkFetches[status] ?? 0) + 1;
  };
  if (!link) {
    count(404);
    throw new DropboxHttpError(404, 'Not Found');
  }
  if (link.expiresAtMs <= ctx.store.clock.nowMs()) {
    count(410);
    throw new DropboxHttpError(410, 'Gone: this temporary link has expired (links live four hours).');
  }
  count(200);
  const type = /\.pdf$/i.test(link.name) ? 'application/pdf' : /\.txt$/i.test(link.name) ? 'text/plain; charset=utf-8' : 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(link.content.length),
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(link.name)}`,
  });
  res.end(req.method === 'HEAD' ? undefined : link.content);
}
