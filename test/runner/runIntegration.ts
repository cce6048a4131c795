// `npm run test:integration`: runs the compiled integration suite inside a real VS Code extension host
// (the VS Code server's web workbench in headless Chromium) and exits with the suite's result.
// Builds nothing: expects dist/extension.js (npm run build) and out/ (npm run compile).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser, RunningBrowser, workbenchUrl } from './browser';
import { RunningServer, startServer } from './codeServer';
import { outDir, repoRoot } from './paths';
import { reportBegins, reportEnds } from './suiteReport';
import { startTabBridge, TabBridge, tabBridgeEnv } from './tabBridge';
import { advanceHandoff, handoffEnv, reactivationStages, startHandoff } from '../integration/reactivation/handoff';

const suitePath = path.join(outDir, 'test', 'integration', 'index.js');
const reactivationPath = path.join(outDir, 'test', 'integration', 'reactivation', 'index.js');
const timeoutMs = Number(process.env.SIGNDESK_INTEGRATION_TIMEOUT_MS ?? 5 * 60_000);
const verbose = process.env.SIGNDESK_RUNNER_VERBOSE === '1';

// Known harmless output of this host (no native modules built, no gallery, no trust dialog): hidden even
// inside the suite's report unless verbose.
const knownNoise = /\.vscode-test\/|\/static\/out\/vs\/|bindings file|build\/Release\/watchdog|open-vsx|ENOTFOUND|^\s*Require stack:\s*$|node:internal\//;

/** Splits the automation log into the suite's report (printed) and the workbench's chatter (kept for failures). */
class LogStream {
  private inReport = false;
  private reportSeen = false;
  private closed = false;
  private readonly hidden: string[] = [];

  write(level: string, message: unknown): void {
    if (this.closed) return;
    const text = Array.isArray(message) ? format(...(message as unknown[])) : String(message);
    for (const line of text.replace(/\n$/, '').split('\n')) this.line(level, line);
  }

  private line(level: string, line: string): void {
    if (line.includes(reportBegins)) {
      this.inReport = this.reportSeen = true;
      return;
    }
    if (line.includes(reportEnds)) {
      this.inReport = false;
      return;
    }
    if (verbose || (this.inReport && !knownNoise.test(line))) {
      (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    } else {
      this.hidden.push(`${level}: ${line}`);
      if (this.hidden.length > 200) this.hidden.shift();
    }
  }

  /** Stops printing (the page's reconnect chatter during teardown) and, if the suite never ran, shows why. */
  close(failed: boolean): void {
    this.closed = true;
    if (failed && !this.reportSeen && !verbose) {
      console.error('[runner] the suite never started; last workbench log lines:');
      for (const line of this.hidden.slice(-60)) console.error(`  ${line}`);
    }
  }
}

/** Loads the workbench with a test entry point and resolves with the exit code the host reports. */
class PageSuite {
  private settle: (exitCode: number, why?: string) => void = () => undefined;

  constructor(
    private readonly page: Page,
    private readonly server: RunningServer,
  ) {}

  report(exitCode: number): void {
    this.settle(exitCode);
  }

  async run(url: string, what: string): Promise<number> {
    const finished = new Promise<number>((resolve) => {
      let settled = false;
      this.settle = (exitCode, why) => {
        if (settled) return;
        settled = true;
        if (why) console.error(`[runner] ${why}`);
        resolve(exitCode);
      };
    });
    const settle = this.settle;
    const onCrash = (): void => settle(1, 'the workbench page crashed');
    this.page.on('crash', onCrash);
    void this.server.exited.then((how) => settle(1, `the VS Code server exited before ${what} reported (${how})`));
    const timer = setTimeout(
      () => settle(1, `${what} did not report within ${timeoutMs / 1000} s (SIGNDESK_INTEGRATION_TIMEOUT_MS): the host did not start or a test hangs`),
      timeoutMs,
    );
    try {
      await this.page.goto(url);
      const code = await finished;
      console.log(`[runner] ${what}: exit code ${code}`);
      return code;
    } finally {
      clearTimeout(timer);
      this.page.off('crash', onCrash);
    }
  }
}

function failBefore(message: string): number {
  console.error(`[runner] integration: ${message}`);
  return 1;
}

export async function runIntegration(): Promise<number> {
  if (!fs.existsSync(suitePath)) return failBefore(`${suitePath} is missing — run \`npm run compile\` first`);
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) return failBefore('dist/extension.js is missing — run `npm run build` first');

  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-it-workspace-'));
  const handoffFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-it-handoff-')), 'handoff.json');
  fs.writeFileSync(path.join(workspace, 'README.md'), '# SignDesk integration test workspace\n');
  const log = new LogStream();
  let browser: RunningBrowser | undefined;
  let bridge: TabBridge | undefined;
  let server: RunningServer | undefined;
  let code = 1;
  try {
    browser = await launchBrowser();
    bridge = await startTabBridge(browser.context);
    server = await startServer({ env: { [tabBridgeEnv]: bridge.url, [handoffEnv]: handoffFile } });
    const running = server;
    console.log(`[runner] VS Code server at ${server.url}; running ${path.relative(repoRoot, suitePath)} (timeout ${timeoutMs / 1000} s)`);

    const page = await browser.context.newPage();
    bridge.setWorkbench(page);
    const suite = new PageSuite(page, running);
    await page.exposeFunction('codeAutomationExit', (exitCode: number) => suite.report(Number(exitCode)));
    await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => log.write(level, message));
    code = await suite.run(workbenchUrl(server, { folder: workspace, extensionTestsPath: suitePath }), 'the suite');
    // Reactivation: the same window loaded again for each stage (a new extension host, SignDesk activated
    // anew), with the secrets the workbench kept; each stage hands over to the next through a file.
    startHandoff(handoffFile);
    for (const stage of reactivationStages) {
      advanceHandoff(handoffFile, stage);
      console.log(`[runner] reactivation stage "${stage}": loading the window again`);
      const stageCode = await suite.run(workbenchUrl(server, { folder: workspace, extensionTestsPath: reactivationPath }), `reactivation stage "${stage}"`);
      code ||= stageCode;
      if (stageCode !== 0) break; // the next stage builds on this one
    }
    console.log(`[runner] integration suite exit code ${code}`);
  } catch (error) {
    code = failBefore(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    log.close(code !== 0);
    // Browser first: a page whose server vanished first only logs reconnect attempts.
    await browser?.close();
    await bridge?.close();
    await server?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(path.dirname(handoffFile), { recursive: true, force: true });
  }
  return code;
}

if (require.main === module) {
  runIntegration().then((code) => process.exit(code));
}
