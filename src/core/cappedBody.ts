// Reads a response body while it streams, counting bytes after decompression, and stops at a cap: a
// small gzip or brotli answer can inflate to gigabytes, so nothing past the cap is ever buffered.

export interface BodyCap {
  /** Largest body accepted, in bytes, counted after decompression. */
  limitBytes: number;
  /**
   * At the cap keep the first `limitBytes` and stop reading (for error answers, where the status decides
   * and the body only adds the service's message), instead of failing.
   */
  truncate: boolean;
  /** Called when reading stops early (over the cap), before the promise settles: closes the connection. */
  stop(): void;
  /** The error for a body over the cap when not truncating. */
  tooLarge(): Error;
}

interface NodeReadable {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  destroy?(): unknown;
}

function isReadable(value: unknown): value is NodeReadable {
  return typeof (value as { on?: unknown } | null)?.on === 'function';
}

/**
 * The body as a Buffer, at most `cap.limitBytes` long. `declaredLength` is the Content-Length of an
 * uncompressed answer: when it is already over the cap, nothing is read at all.
 */
export function readCappedBody(body: unknown, declaredLength: number | undefined, cap: BodyCap): Promise<Buffer> {
  if (!cap.truncate && declaredLength !== undefined && declaredLength > cap.limitBytes) {
    cap.stop();
    if (isReadable(body)) {
      body.on('error', () => undefined); // the aborted connection errors the stream; nobody reads it now
      body.destroy?.();
    }
    return Promise.reject(cap.tooLarge());
  }
  if (body === null || body === undefined) {
    return Promise.resolve(Buffer.alloc(0));
  }
  if (!isReadable(body)) {
    const whole = Buffer.isBuffer(body) ? body : Buffer.from(String(body));
    if (whole.length <= cap.limitBytes) {
      return Promise.resolve(whole);
    }
    return cap.truncate ? Promise.resolve(whole.subarray(0, cap.limitBytes)) : Promise.reject(cap.tooLarge());
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    body.on('data', (chunk) => {
      if (settled) {
        return;
      }
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (total + buffer.length <= cap.limitBytes) {
        chunks.push(buffer);
        total += buffer.length;
        return;
      }
      settled = true;
      if (cap.truncate) {
        chunks.push(buffer.subarray(0, cap.limitBytes - total));
        total = cap.limitBytes;
      }
      // Stop the source first (the connection closes), then the decompressor, so no more is inflated.
      cap.stop();
      body.destroy?.();
      if (cap.truncate) {
        resolve(Buffer.concat(chunks, total));
      } else {
        reject(cap.tooLarge());
      }
    });
    body.on('end', () => {
      if (!settled) {
        settled = true;
        resolve(Buffer.concat(chunks, total));
      }
    });
    // Stays attached after settling: node-fetch emits an abort error on the body once the connection is closed.
    body.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
  });
}

/** Content-Length when it counts the bytes read (no Content-Encoding), else undefined. */
export function declaredIdentityLength(headers: Record<string, string>): number | undefined {
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    return undefined;
  }
  const value = headers['content-length'];
  return value !== undefined && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : undefined;
}
