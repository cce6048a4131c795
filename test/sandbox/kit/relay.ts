// SignDesk's own OAuth relay page (media/oauth-relay.html), served by a sandbox at /relay/ so the relay
// redirect mode can be tried against it. Read per request, so edits show up at once.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { sendHtml } from './http';
import { relayPlaceholderPage } from './pages';

export const RELAY_FILE = path.join('media', 'oauth-relay.html');
export const RELAY_PATHS = ['/relay/', '/relay/index.html', '/relay'];

export function serveRelayPage(res: http.ServerResponse, relayFile: string, service: string): void {
  if (fs.existsSync(relayFile)) return sendHtml(res, 200, fs.readFileSync(relayFile, 'utf8'));
  sendHtml(res, 200, relayPlaceholderPage(service, RELAY_FILE));
}

/** The repository root: the directory above `start` that holds media/ and test/sandbox/ (from test/ or out/test/). */
export function sandboxRepoRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'sandbox'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repository root above ${start}`);
    dir = parent;
  }
}
