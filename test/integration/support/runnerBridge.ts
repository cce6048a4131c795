// Host side of test/runner/tabBridge.ts: lets a test inside the extension host ask the web runner's browser
// to open a URL in a second tab or read the workbench's DOM. Exists only under the web runner; on a
// desktop VS Code (test:desktop) there is no browser, and `runnerBridge()` returns undefined.
import * as http from 'node:http';

const tabBridgeEnv = 'SIGNDESK_TEST_TAB_BRIDGE'; // the same name as in test/runner/tabBridge.ts

export interface DomElement {
  text: string;
  ariaLabel: string | null;
}

export interface RunnerBridge {
  /** Opens `url` in a second tab of the browser that shows the workbench; resolves once it has loaded. */
  openInSecondTab(url: string): Promise<{ status: number }>;
  /** The workbench page's elements matching a CSS selector. */
  dom(selector: string): Promise<DomElement[]>;
}

export function runnerBridge(): RunnerBridge | undefined {
  const base = process.env[tabBridgeEnv];
  if (!base) return undefined;
  return {
    openInSecondTab: (url) => post(`${base}/open`, { url }) as Promise<{ status: number }>,
    dom: async (selector) => ((await post(`${base}/dom`, { selector })) as { elements: DomElement[] }).elements,
  };
}

function post(url: string, body: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      let raw = '';
      response.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      response.on('end', () => {
        const parsed = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        if (response.statusCode === 200) resolve(parsed);
        else reject(new Error(`runner bridge ${url}: ${response.statusCode} ${String(parsed.error ?? raw)}`));
      });
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}
