// The `loopback` redirect: a one-attempt HTTP server on 127.0.0.1 that takes the browser's callback,
// hands it to the pending attempts and answers with a page saying the tab can be closed.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallbackParams } from './callbackParams';
import { parseCallbackQuery } from './callbackParams';
import type { DeliveryResult } from './pendingSignIns';
import { LOOPBACK_PATH, loopbackRedirectUri } from './redirectStrategy';

export interface LoopbackReceiver {
  readonly port: number;
  readonly redirectUri: string;
  close(): Promise<void>;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}</style></head>
<body><h1>${title}</h1><p>${text}</p></body></html>`;
}

const NOT_OURS = 'This address only receives SignDesk sign-ins.';

/**
 * The callback address a request asks for, or undefined when its target is not a plain path (`http://[`,
 * `*`, an absolute URL): browsers following a redirect to 127.0.0.1 always send one.
 */
function requestedUrl(target: string | undefined): URL | undefined {
  if (!target?.startsWith('/')) {
    return undefined;
  }
  try {
    // Appended, not resolved: `//evil.example/callback` stays a path here instead of becoming a host.
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return undefined;
  }
}

function answer(response: http.ServerResponse, status: number, title: string, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...PAGE_HEADERS, ...headers }).end(page(title, text));
}

function respond(request: http.IncomingMessage, response: http.ServerResponse, deliver: (params: CallbackParams) => DeliveryResult): void {
  const url = requestedUrl(request.url);
  if (!url) {
    answer(response, 400, 'Bad request', NOT_OURS);
    return;
  }
  if (url.pathname !== LOOPBACK_PATH) {
    answer(response, 404, 'Not found', NOT_OURS);
    return;
  }
  if (request.method !== 'GET') {
    answer(response, 405, 'Not allowed', NOT_OURS, { allow: 'GET' });
    return;
  }
  const params = parseCallbackQuery(url.search);
  const result = deliver(params);
  if (!result.accepted) {
    answer(
      response,
      400,
      'Sign-in link not valid',
      'This sign-in link is not for a sign-in SignDesk is waiting for (it expired or was already used). Start the sign-in again from VS Code.',
    );
  } else if (params.code) {
    answer(response, 200, 'Back to VS Code', 'SignDesk received the authorization. You can close this tab and return to VS Code.');
  } else {
    answer(response, 200, 'Sign-in not authorized', 'The authorization was not granted. You can close this tab.');
  }
}

/** Resolves once listening. Port 0 picks a free port (tests); a taken port rejects with EADDRINUSE. */
export function startLoopbackReceiver(port: number, deliver: (params: CallbackParams) => DeliveryResult): Promise<LoopbackReceiver> {
  const server = http.createServer((request, response) => {
    try {
      respond(request, response, deliver);
    } catch {
      // Never throw inside the extension host; closing tells the browser at once instead of leaving it waiting.
      response.destroy();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      resolve({
        port: actual,
        redirectUri: loopbackRedirectUri(actual),
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
