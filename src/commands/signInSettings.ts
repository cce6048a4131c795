import * as vscode from 'vscode';
import { DEFAULT_LOOPBACK_PORT, REDIRECT_SETTINGS, type RedirectConfig, type RedirectSetting } from '../auth/redirectStrategy';
import { userLevelValue } from '../core/userLevelSetting';
import { resolveDropboxSignSettings, type DropboxSignSettings } from '../providers/dropboxSign/endpoints';

/** A setting's user-level value or default, never a workspace's (see core/userLevelSetting). */
export function readUserLevelSetting(section: string, key: string): unknown {
  return userLevelValue(vscode.workspace.getConfiguration(section).inspect(key));
}

/** Dropbox Sign's base URLs, checked (throws SettingsError); read on every call so changes apply at once. */
export function readDropboxSignSettings(): DropboxSignSettings {
  return resolveDropboxSignSettings({
    apiBaseUrl: readUserLevelSetting('signdesk.dropboxSign', 'apiBaseUrl'),
    oauthBaseUrl: readUserLevelSetting('signdesk.dropboxSign', 'oauthBaseUrl'),
  });
}

// The sign-in settings (`signdesk.oauth.*`), read fresh on every attempt so changes apply at once. The relay
// URL receives authorization codes, so like the base URLs it comes from user settings only.
export function readRedirectConfig(): RedirectConfig {
  const config = vscode.workspace.getConfiguration('signdesk.oauth');
  const setting = config.get<string>('redirect', 'auto');
  const rawRelayUrl = readUserLevelSetting('signdesk.oauth', 'relayUrl');
  const relayUrl = typeof rawRelayUrl === 'string' ? rawRelayUrl.trim() : '';
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
