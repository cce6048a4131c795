// media/oauth-relay.html as a host serves it (a plain http server, the file unchanged, no extra headers,
// as GitHub Pages would), opened in headless Chromium the way Dropbox Sign sends a browser there. Every
// request the page makes beyond itself is answered by a stub and recorded, so a test sees where the page
// forwarded without any network, and what the address bar and the tab's history kept.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type RunningBrowser } from './browser';
import { repoRoot } from './paths';

const RELAY_FILE = path.join(repoRoot, 'media', 'oauth-relay.html');
const SETTLE_TIMEOUT_MS = 15_000;

/** What one visit of the relay page did. */
export interface RelayVisit {
  /** Where the page navigated to (an http(s) forward), if anywhere. */
  forwardedTo?: string;
  /** The page's heading and message when it stayed (refused, manual, a vscode: link). */
  title?: string;
  message?: string;
  /** The "Open VS Code" button's target when the page shows it (editor schemes). */
  buttonHref?: string;
  /** location.href after the page's script ran (the address bar). */
  address: string;
  /** Every entry of the tab's history (Chromium's navigation list), after the visit. */
  history: string[];
  /** Requests the page made to anywhere but its own file: must be only the forward, if any. */
  requests: string[];
}

export class RelayPageBrowser {
  private constructor(
    private readonly running: RunningBrowser,
    private readonly server: http.Server,
    /** `http://127.0.0.1:<port>/relay/`: where the page is served. */
    readonly relayUrl: string,
  ) {}

  static async start(): Promise<RelayPageBrowser> {
    const server = http.createServer((request, response) => {
      if (request.method === 'GET' && request.url?.startsWith('/relay/')) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(RELAY_FILE));
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    let running: RunningBrowser;
    try {
      running = await launchBrowser();
    } catch (error) {
      server.close();
      throw error;
    }
    return new RelayPageBrowser(running, server, `http://127.0.0.1:${port}/relay/`);
  }

  /** Opens the relay page with `query` (e.g. `?code=…&state=…`) in a new tab and reports what it did. */
  async visit(query: string): Promise<RelayVisit> {
    const page = await this.running.context.newPage();
    try {
      return await this.visitIn(page, query);
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.running.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async visitIn(page: Page, query: string): Promise<RelayVisit> {
    const relayOrigin = new URL(this.relayUrl).origin;
    const requests: string[] = [];
    let onForward!: (url: string) => void;
    const forwarded = new Promise<string>((resolve) => (onForward = resolve));
    let pageServed = false;
    await page.route('**/*', async (route) => {
      const request = route.request();
      const url = request.url();
      if (!pageServed && request.isNavigationRequest() && url.startsWith(this.relayUrl)) {
        pageServed = true; // the visit itself; everything after it is the page's doing
        await route.continue();
        return;
      }
      if (url === `${relayOrigin}/favicon.ico`) {
        await route.fulfill({ status: 404 });
        return;
      }
      requests.push(url);
      if (request.isNavigationRequest()) onForward(url);
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>forwarded</title><p>stub</p>' });
    });

    // 'commit': a vscode: navigation the page starts keeps Chromium from ever reporting 'load'.
    await page.goto(this.relayUrl + query, { waitUntil: 'commit' });
    // The page's script is synchronous: once SignDeskRelay exists, it has decided and acted.
    const ran = page
      .waitForFunction(() => 'SignDeskRelay' in window, undefined, { timeout: SETTLE_TIMEOUT_MS })
      .then(() => 'ran' as const);
    let outcome = await Promise.race([ran, forwarded.then(() => 'forwarded' as const)]).catch(() => 'forwarded' as const);
    let shown: { title: string; message: string; buttonHref?: string; address: string } | undefined;
    if (outcome === 'ran') {
      shown = await page
        .evaluate(() => {
          const action = document.getElementById('action');
          const link = document.getElementById('link') as HTMLAnchorElement | null;
          return {
            title: document.getElementById('title')?.textContent ?? '',
            message: document.getElementById('message')?.textContent ?? '',
            buttonHref: action && !action.hidden && link ? link.href : undefined,
            address: location.href,
          };
        })
        .catch(() => undefined); // the forward replaced the document meanwhile
      // Still "Returning…" without a button: an http(s) forward is under way.
      if (!shown || (shown.title === 'Returning to VS Code…' && shown.buttonHref === undefined)) outcome = 'forwarded';
    }
    let forwardedTo: string | undefined;
    if (outcome === 'forwarded') {
      forwardedTo = await withTimeout(forwarded, 'the relay page neither stayed nor forwarded');
      // The stub answers every forward, so its document loads; waiting for it (not just the commit) lets
      // Chromium finish swapping the tab to the new origin's renderer before a CDP session attaches to it.
      await page.waitForURL(forwardedTo, { waitUntil: 'domcontentloaded', timeout: SETTLE_TIMEOUT_MS });
    }
    const entries = await navigationHistory(page);
    return {
      forwardedTo,
      title: forwardedTo ? undefined : shown?.title,
      message: forwardedTo ? undefined : shown?.message,
      buttonHref: forwardedTo ? undefined : shown?.buttonHref,
      address: forwardedTo ?? shown?.address ?? page.url(),
      history: entries.map((entry) => entry.url),
      requests,
    };
  }
}

/**
 * The tab's session history as Chromium keeps it. A session attached while the tab changes renderer
 * (a cross-origin forward) can be detached under us ("Not attached to an active page"): ask again on a new one.
 */
async function navigationHistory(page: Page): Promise<Array<{ url: string }>> {
  for (let attempt = 1; ; attempt++) {
    const cdp = await page.context().newCDPSession(page);
    try {
      const { entries } = (await cdp.send('Page.getNavigationHistory')) as { entries: Array<{ url: string }> };
      return entries;
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('Not attached')) throw error;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${SETTLE_TIMEOUT_MS / 1000} s`)), SETTLE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
