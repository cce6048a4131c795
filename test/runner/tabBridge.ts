// Lets a test running inside the extension host reach the runner's browser:
// - POST /open {"url"}: open a URL in a second tab (the browser leg of OAuth: the callback URL from
//   asExternalUri must be loaded by the browser, not fetched) → {"ok":true,"status":N} once loaded;
// - POST /dom {"selector"}: texts of the workbench page's elements matching a CSS selector (innerText and
//   aria-label), for UI the extension API cannot read back (e.g. its status-bar item) → {"elements":[…]}.
// The runner listens on loopback and hands the URL to the host through the server's environment.
import * as http from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';

/** Environment variable carrying the bridge URL into the VS Code server and so into the extension host. */
export const tabBridgeEnv = 'SIGNDESK_TEST_TAB_BRIDGE';

export interface TabBridge {
  /** `http://127.0.0.1:PORT` (see the routes above). */
  url: string;
  /** The page whose DOM /dom reads (the workbench running the suite). */
  setWorkbench(page: Page): void;
  close(): Promise<void>;
}

export async function startTabBridge(context: BrowserContext): Promise<TabBridge> {
  const pages: Page[] = [];
  let workbench: Page | undefined;

  async function open(body: { url?: unknown }): Promise<unknown> {
    const target = String(body.url ?? '');
    const protocol = new URL(target).protocol;
    if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`not an http(s) URL: ${protocol}`);
    const page = await context.newPage();
    pages.push(page); // stays open: the workbench's callback page hands the URI over asynchronously
    const navigation = await page.goto(target, { waitUntil: 'load' });
    return { ok: true, status: navigation?.status() ?? 0 };
  }

  async function dom(body: { selector?: unknown }): Promise<unknown> {
    if (!workbench) throw new Error('no workbench page yet');
    const elements = await workbench.locator(String(body.selector ?? '')).evaluateAll((nodes) =>
      nodes.map((node) => ({ text: (node as HTMLElement).innerText ?? '', ariaLabel: node.getAttribute('aria-label') })),
    );
    return { elements };
  }

  const routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = { '/open': open, '/dom': dom };
  const server = http.createServer((request, response) => {
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const route = request.method === 'POST' ? routes[request.url ?? ''] : undefined;
    if (!route) return reply(404, { error: 'POST /open or /dom' });
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return reply(400, { error: 'body must be JSON' });
      }
      route(body).then(
        (result) => reply(200, result),
        (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    setWorkbench: (page) => {
      workbench = page;
    },
    close: async () => {
      for (const page of pages) await page.close().catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
