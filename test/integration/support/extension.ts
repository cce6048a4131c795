// The extension under test, activated, with the test API its activate() returns in ExtensionMode.Test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SignDeskApi } from '../../../src/extension';

export const extensionId = 'signdesk.signdesk';

export function signDeskExtension(): vscode.Extension<SignDeskApi> {
  const extension = vscode.extensions.getExtension<SignDeskApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this host`);
  return extension;
}

export async function activatedApi(): Promise<SignDeskApi> {
  return signDeskExtension().activate();
}

/** Rejects when `promise` has not settled within `ms` (so a missing event fails the test with a reason). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `read` until `accept` holds or `ms` pass; for UI that renders asynchronously. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}
