// Sending from the Explorer as a user does: right-click a file, pick a menu entry, fill the send form.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { waitFor } from './waitFor';

/** Right-click `target`, then the context menu's `item` (hovered until focused, then Enter). */
export async function contextMenu(page: Page, target: Locator, item: string): Promise<void> {
  await target.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu').filter({ visible: true });
  const entry = menu.locator('.action-item', { hasText: item }).first();
  await entry.waitFor({ state: 'visible', timeout: 15_000 });
  // A mouse click can land while the menu is still settling and be dropped; hovering focuses the item
  // (the menu marks it .focused) and Enter runs exactly that item.
  await entry.hover();
  await waitFor(async () => (await entry.getAttribute('class')) ?? '', (c) => c.includes('focused'), 10_000);
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: 15_000 });
}

// SignDesk's webviews (the send form is its only one) carry its extension id in their address; the
// walkthrough's step media are webviews too, made by the workbench (no extension id), so "the last
// webview" is not always the form.
const FORM_WEBVIEW = 'iframe.webview[src*="extensionId=signdesk.signdesk&"]';

/**
 * The send form's document. A FrameLocator, found again on every use: the webview swaps its inner frame
 * when it (re)loads content, so a Frame handle taken early can go stale.
 */
export function sendForm(page: Page): FrameLocator {
  return page.frameLocator(`${FORM_WEBVIEW}.ready`).frameLocator('iframe#active-frame');
}

/** Waits until the send form shows and its script has filled it in (the title starts as the file's name). */
export async function openedSendForm(page: Page): Promise<FrameLocator> {
  const form = sendForm(page);
  const title = await waitFor(() => form.locator('#title').inputValue({ timeout: 1000 }).catch(() => ''), (value) => value !== '');
  assert.notEqual(title, '', 'the send form did not open (or its script did not fill it in)');
  return form;
}

/** Resolves once the send form's webview is gone (it closes itself after a send). */
export async function sendFormClosed(page: Page): Promise<void> {
  await page.locator(FORM_WEBVIEW).waitFor({ state: 'detached', timeout: 30_000 });
}
