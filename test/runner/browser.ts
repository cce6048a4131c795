// Headless Debian Chromium driving the VS Code web workbench, plus the page helpers the e2e tests share.
import * as path from 'node:path';
import { chromium, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RunningServer } from './codeServer';
import { repoRoot } from './paths';

export const chromiumPath = process.env.SIGNDESK_CHROMIUM ?? '/usr/bin/chromium';

export interface BrowserOptions {
  /** e.g. `MAP sandbox.test 127.0.0.1`: reach a made-up host name (openExternal rewrites 127.0.0.1 URLs). */
  hostResolverRules?: string[];
}

export interface RunningBrowser {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(options: BrowserOptions = {}): Promise<RunningBrowser> {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (options.hostResolverRules?.length) args.push(`--host-resolver-rules=${options.hostResolverRules.join(',')}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // SIGNDESK_BROWSER_LOG=1: every page's console and uncaught errors (webviews included), for debugging.
  if (process.env.SIGNDESK_BROWSER_LOG === '1') {
    context.on('console', (message) => console.log(`[browser ${message.type()}] ${message.text()}`));
    context.on('weberror', (error) => console.log(`[browser error] ${error.error().message}`));
    context.on('requestfailed', (request) => console.log(`[browser request failed] ${request.url()} ${request.failure()?.errorText}`));
  }
  return {
    browser,
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}

export interface WorkbenchTarget {
  /** Folder on the server to open as the workspace. */
  folder: string;
  /** Load the extension from this folder as "under development" (default: the repo root). */
  extensionDevelopmentPath?: string | null;
  /** Compiled test suite module whose `run()` the extension host calls. */
  extensionTestsPath?: string;
  /**
   * The workbench's `logLevel` (payload): `trace`, or per extension `publisher.name:trace`, comma-separated.
   * It also sets the extension host's level, so an extension's LogOutputChannel writes debug/trace lines.
   */
  logLevel?: string;
}

/** The workbench URL; the web workbench reads development/test paths from the `payload` query parameter. */
export function workbenchUrl(server: RunningServer, target: WorkbenchTarget): string {
  const payload: [string, string][] = [];
  const devPath = target.extensionDevelopmentPath === undefined ? repoRoot : target.extensionDevelopmentPath;
  if (devPath) payload.push(['extensionDevelopmentPath', server.remoteUri(path.resolve(devPath))]);
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', server.remoteUri(path.resolve(target.extensionTestsPath))]);
  if (target.logLevel) payload.push(['logLevel', target.logLevel]);
  const query = new URLSearchParams({ folder: path.resolve(target.folder) });
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query.toString()}`;
}

/**
 * Opens the workbench (with the extension under development, no tests) and waits until it is usable.
 * Tests drive it through the returned helpers.
 */
export async function openWorkbench(context: BrowserContext, server: RunningServer, target: WorkbenchTarget): Promise<Workbench> {
  const page = await context.newPage();
  await page.goto(workbenchUrl(server, target));
  const workbench = new Workbench(page);
  await workbench.waitUntilReady();
  return workbench;
}

const defaultTimeout = 30_000;

export class Workbench {
  constructor(readonly page: Page) {}

  async waitUntilReady(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
  }

  /**
   * F1, type the command's title as shown in the palette (e.g. "SignDesk: Show Log"), pick it.
   * The palette lists what was registered when it opened; right after the page loads the extension's
   * contributions may still be on their way, so the palette is reopened until the command shows up.
   * Returns once the command is picked; it does not wait for the quick input to close, since many commands
   * reuse it at once for their own prompts.
   */
  async runCommand(title: string, options: number | { timeout?: number } = {}): Promise<void> {
    const timeout = (typeof options === 'number' ? options : options.timeout) ?? defaultTimeout;
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactText(title) }) })
      .first();
    const deadline = Date.now() + timeout;
    const giveUp = (what: string, cause: unknown): never => {
      throw new Error(`runCommand("${title}"): ${what}`, { cause });
    };
    for (;;) {
      // Another tab (a consent page, a popup) may be in front, or focus may sit where F1 is not heard.
      await this.page.bringToFront();
      await this.dismissMenus();
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 3000 });
      } catch (error) {
        if (Date.now() > deadline) giveUp('F1 did not open the command palette', error);
        await this.focusWorkbench();
        continue;
      }
      try {
        // The palette can close again at once when a page being drawn takes focus (the Welcome page does):
        // open it again rather than wait for a closed box to become editable.
        await input.fill(`>${title}`, { timeout: 3000 });
      } catch (error) {
        if (Date.now() > deadline) giveUp('the command palette closed before the title could be typed', error);
        continue;
      }
      try {
        await row.waitFor({ state: 'visible', timeout: 3000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) giveUp('not in the command palette', error);
        await this.page.keyboard.press('Escape');
        await input.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
      }
    }
    await row.click();
  }

  /**
   * F1, type the title, Enter — exactly what a user does: Enter runs whatever the palette puts first for
   * that text (unlike runCommand, which clicks the row with that title). Waits only until the title is
   * listed at all (the extension's contributions arrive after the page loads). Returns the titles listed,
   * in order, when Enter was pressed.
   */
  async typeCommand(title: string, timeout = defaultTimeout): Promise<string[]> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const row = rows.filter({ has: this.page.locator('.label-name', { hasText: exactText(title) }) }).first();
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.page.bringToFront();
      await this.dismissMenus();
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
      try {
        // The palette can close again at once when a page being drawn takes focus (the Welcome page does):
        // open it again rather than wait for a closed box to become editable.
        await input.fill(`>${title}`, { timeout: 3000 });
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`typeCommand("${title}"): the command palette closed before the title could be typed`, { cause: error });
        continue;
      }
      try {
        await row.waitFor({ state: 'visible', timeout: 3000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`typeCommand("${title}"): not in the command palette`, { cause: error });
        await this.page.keyboard.press('Escape');
        await input.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
      }
    }
    const listed = (await rows.locator('.label-name').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    await input.press('Enter');
    return listed;
  }

  /** The aria-labels of the side bar's title and view-header buttons (e.g. a view's Refresh), shown or on hover. */
  async sideBarActions(): Promise<string[]> {
    return (await this.page.locator('.part.sidebar .actions-container .action-label').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))).filter(
      (label) => label !== '',
    );
  }

  /** The text of the modal workbench dialog (message and detail), or '' when none is shown. */
  async dialogText(): Promise<string> {
    const box = this.page.locator('.monaco-dialog-box').filter({ visible: true }).first();
    return (await box.count()) > 0 ? (await box.innerText()).replace(/\s+/g, ' ').trim() : '';
  }

  /**
   * "Developer: Reload Window", as a user runs it: the page loads again, the workbench starts a new extension
   * host, and extensions activate anew. Resolves once the reloaded workbench is usable.
   */
  async reloadWindow(): Promise<void> {
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === this.page.mainFrame(), timeout: 60_000 });
    await this.runCommand('Developer: Reload Window');
    await navigated;
    await this.page.waitForLoadState('load');
    await this.waitUntilReady();
  }

  /** Closes a context menu left open (e.g. by a failed step): it would swallow clicks and keys. */
  async dismissMenus(): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu').filter({ visible: true });
    for (let attempt = 0; attempt < 3 && (await menu.count()) > 0; attempt++) await this.page.keyboard.press('Escape');
  }

  /** Moves keyboard focus back into the workbench (the editor area: clicking it runs nothing). */
  async focusWorkbench(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('.part.editor').click({ position: { x: 5, y: 5 }, force: true }).catch(() => undefined);
  }

  /** A status-bar item by its DOM id (`<publisher>.<name>.<item id>`, e.g. `signdesk.signdesk.signdesk.status`). */
  statusBarItem(id: string): Locator {
    return this.page.locator(`.part.statusbar [id="${id}"]`);
  }

  async statusBarText(id: string): Promise<string> {
    const item = this.statusBarItem(id);
    await item.waitFor({ state: 'visible', timeout: defaultTimeout });
    return (await item.innerText()).trim();
  }

  /** Opens a view container in the activity bar by its title (the tooltip/aria-label, e.g. "SignDesk"). */
  async openViewContainer(title: string): Promise<void> {
    // The activity-bar entry is an <li> (checked when its container is the one shown) around an <a> with
    // the title; clicking the entry of the container already shown would hide the side bar.
    const entry = this.page.locator('.part.activitybar li.action-item').filter({ has: this.page.locator(`a[aria-label^="${title}"]`) }).first();
    const sideBar = this.page.locator('.part.sidebar');
    const isShown = async (): Promise<boolean> =>
      ((await entry.getAttribute('aria-expanded')) === 'true' || ((await entry.getAttribute('class')) ?? '').split(/\s+/).includes('checked')) &&
      (await sideBar.isVisible());
    await this.dismissMenus();
    await entry.waitFor({ state: 'visible', timeout: defaultTimeout });
    // Right after a (re)load the workbench may still be restoring its side bar and ignore a click: click
    // again until the container shows (a click on the container already shown would hide it instead).
    const deadline = Date.now() + defaultTimeout;
    while (!(await isShown())) {
      if (Date.now() > deadline) throw new Error(`openViewContainer("${title}"): the side bar does not show it`);
      await entry.click();
      await sideBar.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
    }
  }

  /** The pane of a view in the side bar by its title as shown in the pane header (or the container's title). */
  viewPane(title: string): Locator {
    return this.page.locator('.part.sidebar .pane').filter({ has: this.page.locator('.pane-header', { hasText: title }) }).first();
  }

  /** The side bar's visible content (welcome text, tree), whatever the view's title. */
  sideBar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** Visible rows of the tree inside `scope` (default: the side bar), as their text. */
  async treeRows(scope: Locator = this.sideBar()): Promise<string[]> {
    const rows = scope.locator('.monaco-list-row');
    return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /** Clicks a button of the modal workbench dialog (e.g. "Open" on "Do you want … to open the external website?"). */
  async clickDialogButton(label: string): Promise<void> {
    const button = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: exactText(label) }).first();
    await button.waitFor({ state: 'visible', timeout: defaultTimeout });
    await button.click();
  }

  /** The channel selected in the output panel's channel picker (after e.g. "SignDesk: Show Log"). */
  async outputChannelName(): Promise<string> {
    const select = this.page.locator('.part.panel select.monaco-select-box').filter({ visible: true }).first();
    await select.waitFor({ state: 'visible', timeout: defaultTimeout });
    return (await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? '')).trim();
  }

  /** The text the output panel shows (its editor's visible lines). */
  async outputText(): Promise<string> {
    const lines = this.page.locator('.part.panel .monaco-editor .view-lines').filter({ visible: true }).first();
    await lines.waitFor({ state: 'visible', timeout: defaultTimeout });
    return (await lines.innerText()).replace(/\u00a0/g, ' '); // the editor renders spaces as no-break spaces
  }

  /** The entries of the Accounts menu (activity bar), as shown; [] when clicking Accounts opens no menu (no account anywhere). */
  async accountsMenu(): Promise<string[]> {
    await this.page.locator('.part.activitybar [aria-label^="Accounts"]').first().click();
    const labels = this.page.locator('.monaco-menu .action-item .action-label');
    try {
      await labels.first().waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      return [];
    }
    const texts = (await labels.allInnerTexts()).map((text) => text.trim()).filter((text) => text !== '');
    await this.page.keyboard.press('Escape');
    return texts;
  }

  /** Notification toasts' messages. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((t) => t.trim());
  }
}

/** Runs `action` and returns the page it opens in the same browser context (a popup/new tab). */
export async function waitForNewPage(context: BrowserContext, action: () => Promise<unknown>, timeout = defaultTimeout): Promise<Page> {
  const [page] = await Promise.all([context.waitForEvent('page', { timeout }), action()]);
  await page.waitForLoadState('domcontentloaded');
  return page;
}

function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}
