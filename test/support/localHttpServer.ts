// A throwaway HTTP server on 127.0.0.1 for HTTP-client tests: records what arrived, answers with a
// swappable handler, and can play a byte stream that never ends (to prove a client stops reading).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';

export type LocalHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface LocalServer {
  /** http://127.0.0.1:PORT */
  base: string;
  received: Received[];
  handler: LocalHandler;
  close(): Promise<void>;
}

export async function startLocalServer(handler: LocalHandler = (_req, res) => res.end()): Promise<LocalServer> {
  const received: Received[] = [];
  const state: LocalServer = { base: '', received, handler, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      state.handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

export type Encoding = 'gzip' | 'deflate' | 'br' | 'identity';

function encoder(encoding: Encoding): NodeJS.ReadWriteStream | undefined {
  switch (encoding) {
    case 'gzip':
      return zlib.createGzip();
    case 'deflate':
      return zlib.createDeflate();
    case 'br':
      return zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
    default:
      return undefined;
  }
}

/**
 * Answers 200 with a body of zeros (compressed with `encoding`) that never ends: 256 KB more on every turn
 * of the event loop until the client closes the connection. Resolves how many bytes (before
 * compression) were produced, once the connection is gone.
 */
export function endlessBody(res: http.ServerResponse, encoding: Encoding, headers: Record<string, string> = {}): Promise<number> {
  const compress = encoder(encoding);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
    ...headers,
  });
  const sink: NodeJS.WritableStream = compress ?? res;
  if (compress) {
    compress.pipe(res);
  }
  const chunk = Buffer.alloc(256 * 1024, encoding === 'identity' ? 0x20 : 0);
  let produced = 0;
  return new Promise<number>((resolve) => {
    let timer: NodeJS.Immediate | undefined;
    const pump = (): void => {
      if (res.destroyed) {
        return;
      }
      produced += chunk.length;
      if (sink.write(chunk)) {
        timer = setImmediate(pump);
      } else {
        sink.once('drain', pump);
      }
    };
    res.on('close', () => {
      if (timer) clearImmediate(timer);
      (compress as unknown as { destroy?: () => void } | undefined)?.destroy?.();
      resolve(produced);
    });
    pump();
  });
}

/** `size` bytes of zeros compressed with `encoding`: a small body that inflates to `size`. */
export function bomb(encoding: Exclude<Encoding, 'identity'>, size: number): Buffer {
  const zeros = Buffer.alloc(size);
  if (encoding === 'gzip') return zlib.gzipSync(zeros);
  if (encoding === 'deflate') return zlib.deflateSync(zeros);
  return zlib.brotliCompressSync(zeros, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
}
