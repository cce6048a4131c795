// The front that `code serve-web` (and code-server) put before the bare VS Code server: it answers
// `POST /mint-key` and passes everything else (HTTP and WebSocket) through. The web workbench keeps
// `context.secrets` in localStorage, encrypted with a key half it mints here; without this endpoint the
// bare server answers 405, the workbench falls back to in-memory secrets, and a reload signs everyone out.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

export interface ServeWebFront {
  port: number;
  close(): Promise<void>;
}

/** The server's half of the secrets key: 256 bits, kept in the user data dir so it outlives a restart. */
export function serverKeyHalf(userDataDir: string): Buffer {
  const file = path.join(userDataDir, 'serve-web-key-half');
  if (fs.existsSync(file)) {
    const key = fs.readFileSync(file);
    if (key.length === 32) return key;
  }
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

function isMintKey(request: http.IncomingMessage): boolean {
  const pathname = new URL(request.url ?? '/', 'http://front').pathname;
  return request.method === 'POST' && pathname.replace(/\/\/+/g, '/') === '/mint-key';
}

/** Serves on `port` (loopback) in front of the VS Code server listening on `backendPort`. */
export async function startServeWebFront(port: number, backendPort: number, userDataDir: string): Promise<ServeWebFront> {
  const key = serverKeyHalf(userDataDir);
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    if (isMintKey(request)) {
      request.resume();
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' });
      response.end(key);
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: backendPort, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });

  // The workbench's connection to the remote extension host: replay the upgrade request, then splice.
  server.on('upgrade', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const upstream = net.connect(backendPort, '127.0.0.1', () => {
      const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
