// activate() in a real extension host: the VS Code server (code-server's, as the integration tests use)
// in headless Chromium, a fresh server and user-data dir per run, SignDesk loaded from a temp copy holding
// the minified bundle, and the anchor — VS Code's own github-authentication — loaded into the same Node
// extension host as a second extension under development (it would otherwise run in the browser's worker
// host). hostSuite.ts does the timing inside the host; which of the two goes first swaps every run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, workbenchUrl } from '../runner/browser';
import { startServer } from '../runner/codeServer';
import { repoRoot } from '../runner/paths';
import { ANCHOR_FIRST_MARK, HOST_FIGURE_TAG } from './hostTag';

export interface HostActivation {
  ms: number;
  wasActive: boolean;
  commands: number;
  vscode: string;
  /** github-authentication's first activation in the same host; undefined when it was not there. */
  anchor?: { ms: number; wasActive: boolean };
  anchorFirst: boolean;
}

/** A throwaway extension folder: package.json, media, the given bundle as dist/extension.js and dist/features.js beside it. */
export function extensionCopy(bundle: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-bench-ext-'));
  // Without onStartupFinished: the host would activate the copy before the timing suite runs, and the
  // figure is about SignDesk's own work (load + activate()), which is the same whatever the trigger.
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  pkg.activationEvents = (pkg.activationEvents ?? []).filter((event: string) => event !== 'onStartupFinished');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  fs.cpSync(path.join(repoRoot, 'media'), path.join(dir, 'media'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.copyFileSync(bundle, path.join(dir, 'dist', 'extension.js'));
  // Loaded on first use (none in the timed activation), but shipped beside it.
  const features = path.join(path.dirname(bundle), 'features.js');
  if (fs.existsSync(features)) fs.copyFileSync(features, path.join(dir, 'dist', 'features.js'));
  return dir;
}

export async function timeHostActivation(bundle: string, runs: number, anchorDir?: string, timeoutMs = 120_000): Promise<HostActivation[]> {
  const extension = extensionCopy(bundle);
  const suite = path.join(__dirname, 'hostSuite.js');
  const results: HostActivation[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const workspace = fs.mkdtempSync(path.join(os.tmpdir(), `signdesk-bench-ws-${anchorDir && i % 2 === 1 ? `${ANCHOR_FIRST_MARK}-` : ''}`));
      const browser = await launchBrowser();
      const server = await startServer({});
      try {
        const page = await browser.context.newPage();
        const errors: string[] = [];
        const figure = new Promise<HostActivation>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no activation figure within ${timeoutMs / 1000} s`)), timeoutMs);
          void page.exposeFunction('codeAutomationLog', (_level: string, message: unknown) => {
            const text = Array.isArray(message) ? format(...(message as unknown[])) : String(message);
            if (_level === 'error') errors.push(text.split('\n').slice(0, 3).join(' '));
            const at = text.indexOf(HOST_FIGURE_TAG);
            if (at >= 0) {
              clearTimeout(timer);
              resolve(JSON.parse(text.slice(at + HOST_FIGURE_TAG.length).trim()) as HostActivation);
            }
          });
          void page.exposeFunction('codeAutomationExit', (code: number) => {
            if (Number(code) !== 0) {
              clearTimeout(timer);
              reject(new Error(`the host suite failed (exit ${code}): ${errors.slice(-3).join(' | ')}`));
            }
          });
        });
        const url = new URL(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: extension, extensionTestsPath: suite }));
        if (anchorDir) {
          const payload = JSON.parse(url.searchParams.get('payload') ?? '[]') as Array<[string, string]>;
          payload.unshift(['extensionDevelopmentPath', server.remoteUri(anchorDir)]);
          url.searchParams.set('payload', JSON.stringify(payload));
        }
        await page.goto(url.toString());
        results.push(await figure);
      } finally {
        await browser.close();
        await server.close();
        fs.rmSync(workspace, { recursive: true, force: true });
      }
    }
  } finally {
    fs.rmSync(extension, { recursive: true, force: true });
  }
  return results;
}
