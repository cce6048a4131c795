// One VS Code server + one headless Chromium per test file, opened on the workbench with SignDesk loaded
// as the extension under development. Call `workbenchFixture()` inside a top-level `describe`: it registers
// the before/after hooks and returns an object whose fields are filled once `before` has run.
//
// Extending it (e.g. with the Dropbox Sign sandbox): pass `services`. Each starts before the VS Code server
// and may contribute settings (written to the server's User/settings.json) and Chromium host-resolver
// rules; they are closed after the browser and the server, in reverse order.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, openWorkbench, RunningBrowser, Workbench } from '../../runner/browser';
import { RunningServer, startServer } from '../../runner/codeServer';
import { repoRoot } from '../../runner/paths';

export interface StartedService {
  /** SignDesk (or other) settings pointing at the service. */
  settings?: Record<string, unknown>;
  /** e.g. `MAP sandbox.test 127.0.0.1`. */
  hostResolverRules?: string[];
  close(): Promise<void>;
}

export interface FixtureService {
  name: string;
  start(): Promise<StartedService>;
}

export interface FixtureOptions {
  /** Settings for the server's User/settings.json (on top of the services' settings). */
  settings?: Record<string, unknown>;
  services?: FixtureService[];
  /** Files to create in the workspace folder, by relative path. */
  workspaceFiles?: Record<string, string>;
  /** Workbench log level, e.g. `signdesk.signdesk:trace` (see WorkbenchTarget.logLevel); the default (info) when omitted. */
  logLevel?: string;
}

export interface Fixture {
  workbench: Workbench;
  context: BrowserContext;
  server: RunningServer;
  workspace: string;
  /** The started services by name (e.g. to reach the sandbox's admin API). */
  services: Map<string, StartedService>;
}

export function workbenchFixture(options: FixtureOptions = {}): Fixture {
  const fixture = { services: new Map<string, StartedService>() } as Fixture;
  const closers: (() => Promise<unknown>)[] = [];

  before(async function () {
    this.timeout(Number(process.env.SIGNDESK_E2E_START_TIMEOUT_MS ?? 180_000)); // includes a first-time host install
    fixture.workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-e2e-workspace-'));
    closers.push(async () => fs.rmSync(fixture.workspace, { recursive: true, force: true }));
    for (const [file, text] of Object.entries(options.workspaceFiles ?? { 'README.md': '# SignDesk e2e workspace\n' })) {
      fs.mkdirSync(path.dirname(path.join(fixture.workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(fixture.workspace, file), text);
    }

    let settings: Record<string, unknown> = {};
    const hostResolverRules: string[] = [];
    for (const service of options.services ?? []) {
      const started = await service.start();
      closers.push(() => started.close());
      fixture.services.set(service.name, started);
      settings = { ...settings, ...started.settings };
      hostResolverRules.push(...(started.hostResolverRules ?? []));
    }

    const server = await startServer({ settings: { ...settings, ...options.settings } });
    closers.push(() => server.close());
    fixture.server = server;
    const browser: RunningBrowser = await launchBrowser({ hostResolverRules });
    closers.push(() => browser.close()); // runs first: close the page before its server goes away
    fixture.context = browser.context;
    fixture.workbench = await openWorkbench(browser.context, server, {
      folder: fixture.workspace,
      extensionDevelopmentPath: repoRoot,
      logLevel: options.logLevel,
    });
  });

  after(async function () {
    this.timeout(60_000);
    for (const close of closers.reverse()) await close().catch((error: unknown) => console.error('fixture teardown:', error));
    closers.length = 0;
  });

  return fixture;
}
