import * as vscode from 'vscode';
import { DEFAULT_LOOPBACK_PORT, REDIRECT_SETTINGS, type RedirectConfig, type RedirectSetting } from '../auth/redirectStrategy';

// The sign-in settings (`signdesk.oauth.*`), read fresh on every attempt so changes apply at once.
export function readRedirectConfig(): RedirectConfig {
  const config = vscode.workspace.getConfiguration('signdesk.oauth');
  const setting = config.get<string>('redirect', 'auto');
  const relayUrl = config.get<string>('relayUrl', '').trim();
  const port = config.get<number>('loopbackPort', DEFAULT_LOOPBACK_PORT);
  return {
    setting: (REDIRECT_SETTINGS as readonly string[]).includes(setting) ? (setting as RedirectSetting) : 'auto',
    relayUrl: relayUrl === '' ? undefined : relayUrl,
    loopbackPort: Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_LOOPBACK_PORT,
  };
}

export function readClientId(): string | undefined {
  return vscode.workspace.getConfiguration('signdesk.dropboxSign').get<string>('clientId', '');
}

export async function writeClientId(value: string): Promise<void> {
  await vscode.workspace.getConfiguration('signdesk.dropboxSign').update('clientId', value.trim(), vscode.ConfigurationTarget.Global);
}
