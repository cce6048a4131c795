// The one module that reads and writes SignDesk's settings (the rest take values or these functions): a
// service's base URLs and app client id under `signdesk.<id>` (keys from model/serviceSettings), the sign-in
// settings `signdesk.oauth.*`, the requests view's and the send form's. Read on every call, so a change
// applies at once. Settings that decide where secrets go come from user settings only.
import * as vscode from 'vscode';
import { DEFAULT_LOOPBACK_PORT, REDIRECT_SETTINGS, type RedirectConfig, type RedirectSetting } from '../auth/redirectStrategy';
import { userLevelValue } from '../core/userLevelSetting';
import type { ServiceDefinition } from '../model/service';
import { resolveServiceSettings, settingsSection, type ServiceSettings } from '../model/serviceSettings';

/** A setting's user-level value or default, never a workspace's (see core/userLevelSetting). */
export function readUserLevelSetting(section: string, key: string): unknown {
  return userLevelValue(vscode.workspace.getConfiguration(section).inspect(key));
}

/** A service's base URLs, checked (throws SettingsError). */
export function readServiceSettings(service: Pick<ServiceDefinition, 'id' | 'defaults'>): ServiceSettings {
  const section = settingsSection(service.id);
  return resolveServiceSettings(service.id, service.defaults, {
    apiBaseUrl: readUserLevelSetting(section, 'apiBaseUrl'),
    oauthBaseUrl: readUserLevelSetting(section, 'oauthBaseUrl'),
    contentBaseUrl: service.defaults.contentBaseUrl === undefined ? undefined : readUserLevelSetting(section, 'contentBaseUrl'),
  });
}

// The sign-in settings (`signdesk.oauth.*`), read fresh on every attempt so changes apply at once. The relay
// URL receives authorization codes, so like the base URLs it comes from user settings only.
export function readRedirectConfig(service?: Pick<ServiceDefinition, 'id' | 'oauth'>): RedirectConfig {
  const config = vscode.workspace.getConfiguration('signdesk.oauth');
  let setting = config.get<string>('redirect', 'auto');
  const own = service?.oauth.ownRedirectSetting;
  if (own) {
    // A service with its own redirect setting (it cannot return to vscode://): `auto` is relay when a
    // relay URL is set, else the service's own fallback.
    setting = vscode.workspace.getConfiguration(settingsSection(service.id)).get<string>('redirect', 'auto');
    if (setting === 'auto' || setting === 'direct') {
      const relay = readUserLevelSetting('signdesk.oauth', 'relayUrl');
      setting = typeof relay === 'string' && relay.trim() !== '' ? 'relay' : own.auto;
    }
  }
  const rawRelayUrl = readUserLevelSetting('signdesk.oauth', 'relayUrl');
  const relayUrl = typeof rawRelayUrl === 'string' ? rawRelayUrl.trim() : '';
  const port = config.get<number>('loopbackPort', DEFAULT_LOOPBACK_PORT);
  return {
    setting: (REDIRECT_SETTINGS as readonly string[]).includes(setting) ? (setting as RedirectSetting) : 'auto',
    relayUrl: relayUrl === '' ? undefined : relayUrl,
    loopbackPort: Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_LOOPBACK_PORT,
  };
}

/** The app's client id setting (`signdesk.<id>.clientId`): the reader and writer AppCredentials is given. */
export function clientIdSetting(serviceId: string): { read(): string | undefined; write(value: string): Promise<void> } {
  const section = settingsSection(serviceId);
  return {
    read: () => vscode.workspace.getConfiguration(section).get<string>('clientId', ''),
    write: async (value) => {
      await vscode.workspace.getConfiguration(section).update('clientId', value.trim(), vscode.ConfigurationTarget.Global);
    },
  };
}

/** A setting's value as set, in any scope (for settings that send nothing anywhere). */
export function readSetting<T>(key: string): T | undefined {
  return vscode.workspace.getConfiguration().get<T>(key);
}

/** Calls `listener`, with a test of which setting changed, when any of `keys` (full names) changes. */
export function onDidChangeSettings(keys: readonly string[], listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (keys.some((key) => e.affectsConfiguration(key))) listener((key) => e.affectsConfiguration(key));
  });
}

/**
 * Writes a sign-in setting (`signdesk.oauth.*` or a service's own `redirect`). The relay URL is read from
 * user settings only (it receives codes); the mode goes where it is set now, since a workspace value would
 * otherwise win over ours.
 */
export async function writeRedirectSetting(section: string, key: 'redirect' | 'relayUrl', value: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(section);
  const where = key === 'redirect' ? config.inspect(key) : undefined;
  const target =
    where?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : where?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}

/** Writes a setting where it is set (workspace wins over user), or in user settings; undefined clears it. */
export async function writeSettingWhereSet(key: string, value: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration();
  const inspected = config.inspect<string>(key);
  if (value === undefined) {
    if (inspected?.workspaceValue !== undefined) {
      await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
    if (inspected?.globalValue !== undefined) {
      await config.update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    return;
  }
  const target = inspected?.workspaceValue !== undefined && vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}

/** Whether new signature requests go out in test mode unless the send form says otherwise (`signdesk.testMode`). */
export function readTestModeDefault(): boolean {
  return readSetting<boolean>('signdesk.testMode') ?? true;
}
