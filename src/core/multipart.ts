// multipart/form-data encoding into one Buffer (RFC 7578), without a dependency.
import { randomBytes } from 'node:crypto';
import type { MultipartFile } from './http';

export interface EncodedMultipart {
  contentType: string;
  body: Buffer;
}

/** Quotes a name/filename the way browsers do (WHATWG): `"` → %22, CR → %0D, LF → %0A. */
function quote(value: string): string {
  return `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;
}

/** Content types go into a header line; refuse anything that could inject another header. */
function safeContentType(value: string): string {
  return /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/.test(value) ? value : 'application/octet-stream';
}

export function encodeMultipart(
  fields: Array<[string, string]>,
  files: MultipartFile[],
  boundary = `----SignDeskBoundary${randomBytes(12).toString('hex')}`,
): EncodedMultipart {
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quote(name)}\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.from(value, 'utf8'), Buffer.from('\r\n'));
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name=${quote(file.field)}; filename=${quote(file.filename)}\r\n` +
          `Content-Type: ${safeContentType(file.contentType)}\r\n\r\n`,
        'utf8',
      ),
    );
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
