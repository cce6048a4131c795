// The Signature Requests tree with every request of the big sandbox loaded, in a real extension host: the VS
// Code server (code-server's, as the integration tests use) in headless Chromium, SignDesk loaded from a temp
// copy holding the minified bundle, signed in to the big sandbox through its OAuth token endpoint (in this
// process; the tokens reach the host through the server's environment). hostTreeSuite.ts measures inside the
// host; it asks this process, through a loopback bridge, to watch the workbench's DOM for what a refresh shows.
// `node out/test/bench/hostTree.js [requests] [rounds]` runs it alone (as `npm run bench` does, under the heavy lock).
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser, workbenchUrl } from '../runner/browser';
import { startServer } from '../runner/codeServer';
import { signDeskSandboxSettings } from '../runner/sandboxSettings';
import { buildShipped } from './bundle';
import { extensionCopy } from './hostActivation';
import { HOST_TREE_ENV, HOST_TREE_TAG, type HostTreeInput, type HostTreeResult } from './hostTag';
import { type RemoteSandbox, signedInRemote, startBigSandboxProcess } from './sandboxWorkloads';

/**
 * POST /watch {selector}: starts watching the page's DOM (a MutationObserver) for an element matching the CSS
 * selector → {id}; POST /seen {id}: resolves once it matched → {at: the page's Date.now() then}.
 */
async function startDomBridge(page: () => Page | undefined): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  async function watch(body: Record<string, unknown>): Promise<unknown> {
    const current = page();
    if (!current) throw new Error('no workbench page yet');
    const id = ++next;
    await current.evaluate(
      ({ id, selector }) => {
        const watches = ((window as unknown as { signdeskBenchWatches?: Record<number, Promise<number>> }).signdeskBenchWatches ??= {});
        watches[id] = new Promise<number>((resolve) => {
          if (document.querySelector(selector)) return resolve(Date.now());
          const observer = new MutationObserver(() => {
            if (document.querySelector(selector)) {
              observer.disconnect();
              resolve(Date.now());
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        });
      },
      { id, selector: String(body.selector) },
    );
    return { id };
  }
  async function seen(body: Record<string, unknown>): Promise<unknown> {
    const current = page();
    if (!current) throw new Error('no workbench page yet');
    const at = await current.evaluate((id) => (window as unknown as { signdeskBenchWatches: Record<number, Promise<number>> }).signdeskBenchWatches[id], Number(body.id));
    return { at };
  }
  const routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = { '/watch': watch, '/seen': seen };
  const server = http.createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const route = request.method === 'POST' ? routes[request.url ?? ''] : undefined;
    if (!route) return reply(404, { error: 'POST /watch or /seen' });
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      route(JSON.parse(raw || '{}') as Record<string, unknown>).then(
        (result) => reply(200, result),
        (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function measureHostTree(sb: RemoteSandbox, bundle: string, rounds: number, timeoutMs = 15 * 60_000): Promise<HostTreeResult> {
  const signedIn = await signedInRemote(sb, sb.info.users[0]);
  const extension = extensionCopy(bundle);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-bench-tree-ws-'));
  let page: Page | undefined;
  const bridge = await startDomBridge(() => page);
  const input: HostTreeInput = { sandbox: { adminUrl: sb.info.adminUrl, clientSecret: sb.info.clientSecret }, signedIn, bridgeUrl: bridge.url, rounds };
  const browser = await launchBrowser();
  try {
    const server = await startServer({
      env: { [HOST_TREE_ENV]: JSON.stringify(input) },
      // As `npm start` points SignDesk at a sandbox; 100 a page (the most the setting allows); no auto refresh
      // (the refreshes measured are the ones the suite runs).
      settings: { ...signDeskSandboxSettings(sb.info), 'signdesk.pageSize': 100, 'signdesk.autoRefreshSeconds': 0 },
    });
    try {
      page = await browser.context.newPage();
      const opened = page;
      const errors: string[] = [];
      const figure = new Promise<HostTreeResult>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no tree figure within ${timeoutMs / 1000} s`)), timeoutMs);
        void opened.exposeFunction('codeAutomationLog', (level: string, message: unknown) => {
          const text = Array.isArray(message) ? format(...(message as unknown[])) : String(message);
          if (level === 'error') errors.push(text.split('\n').slice(0, 3).join(' '));
          const at = text.indexOf(HOST_TREE_TAG);
          if (at >= 0) {
            clearTimeout(timer);
            resolve(JSON.parse(text.slice(at + HOST_TREE_TAG.length).trim()) as HostTreeResult);
          }
        });
        void opened.exposeFunction('codeAutomationExit', (code: number) => {
          if (Number(code) !== 0) {
            clearTimeout(timer);
            reject(new Error(`the host suite failed (exit ${code}): ${errors.slice(-3).join(' | ')}`));
          }
        });
      });
      await opened.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: extension, extensionTestsPath: path.join(__dirname, 'hostTreeSuite.js') }));
      return await figure;
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await browser.close();
    await bridge.close();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(extension, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void (async () => {
    const built = await buildShipped();
    const sb = await startBigSandboxProcess(Number(process.argv[2] ?? 10_000));
    try {
      console.log(JSON.stringify(await measureHostTree(sb, built.file, Number(process.argv[3] ?? 1)), null, 2));
    } finally {
      await sb.close();
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
