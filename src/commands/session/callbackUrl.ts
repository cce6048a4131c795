// "SignDesk: Show Callback URL to Register": the exact OAuth callback URL this VS Code needs registered in
// a service's app, for the redirect mode in use, copied to the clipboard and shown until dismissed. Without
// a `{ service }` argument it is the first service's (the one the shared signdesk.oauth.redirect serves).
// The Getting Started walkthrough's "Register the callback URL" step runs it (and completes when it runs).
import * as vscode from 'vscode';
import { callbackToRegister, resolveRedirectMode, type RedirectConfig, type RedirectMode } from '../../auth/redirectStrategy';
import type { ServiceDefinition } from '../../model/service';
import { asExternalUriString } from '../../runtime/callback';
import { readRedirectConfig } from '../../runtime/settings';
import { COMMANDS } from '../../views/ids';

export type CallbackUrlService = Pick<ServiceDefinition, 'id' | 'label' | 'oauth'>;

export function registerShowCallbackUrlCommand(callbackUri: string, services: readonly CallbackUrlService[]): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showCallbackUrl, (options?: { service?: unknown }) =>
    showCallbackUrl(callbackUri, services.find((service) => service.id === options?.service) ?? services[0]),
  );
}

/** The service's redirect settings, the mode they select, and the callback address to register for it here. */
export async function redirectHere(service: CallbackUrlService, callbackUri: string): Promise<{ config: RedirectConfig; mode: RedirectMode; external: string }> {
  const config = readRedirectConfig(service);
  const mode = resolveRedirectMode(config);
  // Only `direct` registers VS Code's own address, which asExternalUri gives for this host.
  return { config, mode, external: mode === 'direct' ? await asExternalUriString(callbackUri) : callbackUri };
}

async function showCallbackUrl(callbackUri: string, service: CallbackUrlService): Promise<void> {
  const { config, mode, external } = await redirectHere(service, callbackUri);
  const target = callbackToRegister(mode, config, external);
  if (target.url) {
    await vscode.env.clipboard.writeText(target.url);
    await vscode.window.showInformationMessage(`Register this OAuth callback URL in your ${service.label} app's settings: ${target.url}`, {
      modal: true,
      detail: `It is on your clipboard. Redirect mode "${mode}": ${target.explanation}`,
    });
    return;
  }
  const settings = 'Open Settings';
  const choice = await vscode.window.showWarningMessage(`Redirect mode "${mode}" has no callback URL to register yet.`, { modal: true, detail: target.explanation }, settings);
  if (choice === settings) await vscode.commands.executeCommand(COMMANDS.openSettings);
}
