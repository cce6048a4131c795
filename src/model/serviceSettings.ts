// Where a service's settings and app secrets live, derived from its id in this one place
// (`signdesk.<id>.clientId`, `signdesk.<id>.clientSecret`, …: the keys SignDesk has always used, so nothing
// stored before needs migrating), and the checked base URLs read from those settings. VS Code-free: the
// runtime passes the raw setting values.
import { SettingsError } from '../core/errors';
import { secureUrlProblem } from '../core/serviceUrl';
import type { TokenOrigins } from './tokens';

/** The settings every service has (package.json contributes them under `signdesk.<id>`). */
export type ServiceSettingName = 'clientId' | 'apiBaseUrl' | 'oauthBaseUrl' | 'contentBaseUrl';
/** What SignDesk keeps in VS Code's secret storage for the user's app of a service. */
export type AppSecretName = 'clientSecret' | 'apiKey';

/** `signdesk.<id>`: the settings section of a service. */
export function settingsSection(serviceId: string): string {
  return `signdesk.${serviceId}`;
}

/** `signdesk.<id>.<name>`: a setting's full key (what users see and search for). */
export function settingKey(serviceId: string, name: ServiceSettingName): string {
  return `${settingsSection(serviceId)}.${name}`;
}

/** `signdesk.<id>.<name>`: a secret-storage key of the user's app. */
export function appSecretKey(serviceId: string, name: AppSecretName): string {
  return `signdesk.${serviceId}.${name}`;
}

/** A service's hosts when nothing is configured. */
export interface ServiceDefaults {
  readonly apiBaseUrl: string;
  readonly oauthBaseUrl: string;
  /** Services with a separate host for file contents (a file service's content host). */
  readonly contentBaseUrl?: string;
}

/** The base URLs in use, read from the settings on every call so a change (e.g. to a sandbox) applies at once. */
export interface ServiceSettings {
  apiBaseUrl: string;
  oauthBaseUrl: string;
  contentBaseUrl?: string;
}

/** Raw values of the base URL settings, user level only (the VS Code adapter never passes a workspace's). */
export interface RawServiceSettings {
  apiBaseUrl?: unknown;
  oauthBaseUrl?: unknown;
  contentBaseUrl?: unknown;
}

/**
 * The base URLs to use from the raw setting values. Unset, blank or not text means the default. Throws
 * SettingsError, before anything is sent, for a URL SignDesk must not send secrets to (core/serviceUrl:
 * https, or http on loopback).
 */
export function resolveServiceSettings(serviceId: string, defaults: ServiceDefaults, raw: RawServiceSettings): ServiceSettings {
  const settings: ServiceSettings = {
    apiBaseUrl: checkedBaseUrl(raw.apiBaseUrl, defaults.apiBaseUrl, settingKey(serviceId, 'apiBaseUrl')),
    oauthBaseUrl: checkedBaseUrl(raw.oauthBaseUrl, defaults.oauthBaseUrl, settingKey(serviceId, 'oauthBaseUrl')),
  };
  if (defaults.contentBaseUrl !== undefined) {
    settings.contentBaseUrl = checkedBaseUrl(raw.contentBaseUrl, defaults.contentBaseUrl, settingKey(serviceId, 'contentBaseUrl'));
  }
  return settings;
}

function checkedBaseUrl(value: unknown, fallback: string, setting: string): string {
  const url = typeof value === 'string' ? value.trim() : '';
  const problem = url && secureUrlProblem(url);
  if (problem) {
    // The value itself is not repeated: it may hold a user name and password.
    throw new SettingsError(`The setting "${setting}" cannot be used: ${problem}. Nothing was sent.`);
  }
  return url || fallback;
}

/** Where tokens obtained with these settings may go (see TokenOrigins). */
export function tokenOrigins(settings: Pick<ServiceSettings, 'apiBaseUrl' | 'oauthBaseUrl'>): TokenOrigins {
  return { oauth: new URL(settings.oauthBaseUrl).origin, api: new URL(settings.apiBaseUrl).origin };
}
