// Small HTTP helpers over node:http: bodies (JSON, form, multipart), JSON, HTML and redirect responses.
// Service-neutral: each service writes its own error bodies from an ApiError.
import * as http from 'http';
import busboy from 'busboy';

/** A request the sandbox refuses; each service turns it into its own error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: string,
    message: string,
    readonly errorPath?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (msg: string, errorPath?: string) => new ApiError(400, 'bad_request', msg, errorPath);
export const notFound = (msg = 'Not found.') => new ApiError(404, 'not_found', msg);

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendHtml(res: http.ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store', ...headers });
  res.end(html);
}

export function redirect(res: http.ServerResponse, location: string, status = 302, headers: Record<string, string> = {}): void {
  res.writeHead(status, { Location: location, 'Content-Length': 0, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

const MAX_BODY = 50 * 1024 * 1024;

export function readRaw(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'bad_request', 'Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface UploadedFile {
  field: string;
  filename: string;
  size: number;
  mimeType: string;
  /** the bytes, when `readBody` was asked to keep them */
  data?: Buffer;
}

export interface ReadBodyOptions {
  /** the name a file part's filename is stored under in `value` (default: the part's own name) */
  fileField?: (partName: string) => string;
  /** keep each file's bytes in `files[].data` */
  keepFiles?: boolean;
  /**
   * accept a multipart body whose last delimiter is `--boundary` + CRLF instead of `--boundary--` (the
   * official signNow Node client ends its uploads so, and signNow takes them)
   */
  lenientEnd?: boolean;
}

export interface ParsedBody {
  kind: 'none' | 'json' | 'form' | 'multipart';
  /** JSON as sent; form/multipart values are still strings, nested by their bracket names */
  value: Record<string, unknown>;
  files: UploadedFile[];
}

export async function readBody(req: http.IncomingMessage, options: ReadBodyOptions = {}): Promise<ParsedBody> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return readMultipart(req, options);
  const raw = await readRaw(req);
  if (raw.length === 0) return { kind: 'none', value: {}, files: [] };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const value: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) setBracketed(value, k, v);
    return { kind: 'form', value, files: [] };
  }
  // JSON is the default: the services treat a body without a type as JSON.
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('Request body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('Request body must be a JSON object.');
  return { kind: 'json', value: parsed as Record<string, unknown>, files: [] };
}

function readMultipart(req: http.IncomingMessage, options: ReadBodyOptions): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: MAX_BODY } });
    } catch {
      reject(badRequest('Malformed multipart body.'));
      return;
    }
    const value: Record<string, unknown> = {};
    const files: UploadedFile[] = [];
    let openFiles = 0;
    let ended = false;
    const finish = () => {
      if (ended && openFiles === 0) resolve({ kind: 'multipart', value, files });
    };
    bb.on('field', (name, val) => setBracketed(value, name, val));
    bb.on('file', (name, stream, info) => {
      let size = 0;
      openFiles++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (options.keepFiles) chunks.push(c);
      });
      stream.on('end', () => {
        const filename = info.filename ?? 'document.pdf';
        files.push({ field: name, filename, size, mimeType: info.mimeType, ...(options.keepFiles ? { data: Buffer.concat(chunks) } : {}) });
        // The file name stands in for the bytes in `value` (schemas see a string).
        setBracketed(value, options.fileField ? options.fileField(name) : name, filename);
        openFiles--;
        finish();
      });
    });
    bb.on('close', () => {
      ended = true;
      finish();
    });
    bb.on('error', (e: Error) => {
      // Every part before the unterminated last delimiter arrived whole: keep them.
      if (options.lenientEnd && /Unexpected end of form/i.test(e.message)) {
        ended = true;
        return finish();
      }
      reject(badRequest('Malformed multipart body.'));
    });
    req.pipe(bb);
  });
}

/** `signers[0][name]=x` → {signers:{0:{name:'x'}}}; `file_urls[]=a` appends. */
export function setBracketed(target: Record<string, unknown>, name: string, value: unknown): void {
  const m = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(name);
  if (!m) {
    target[name] = value;
    return;
  }
  const keys = [m[1], ...Array.from(m[2].matchAll(/\[([^\]]*)\]/g), (x) => x[1])];
  let node = target;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    // `x[]`: the parent is an index-keyed object; append at the next index
    const k = key === '' ? String(Object.keys(node).length) : key;
    if (last) {
      node[k] = value;
      return;
    }
    const child = node[k];
    if (child === undefined || child === null || typeof child !== 'object') node[k] = {};
    node = node[k] as Record<string, unknown>;
  });
}

export function parseCookies(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
