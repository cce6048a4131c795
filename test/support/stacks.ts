// A service's client stack, built the way the runtime builds it (src/runtime/): one HTTP client with the
// service's error reader, then the definition's own factories. Tests that need a provider talking to a
// sandbox (or to a scripted HttpClient) take it from here instead of constructing provider classes by hand.
import type { Clock } from '../../src/core/clock';
import { FetchHttpClient, type FetchHttpClientOptions } from '../../src/core/fetchHttpClient';
import type { HttpClient } from '../../src/core/http';
import { SecretRegistry, type Logger, type SecretSource } from '../../src/core/log';
import type { AccountSetupService, OAuthClient, ServiceContext, ServiceDefinition, SignatureService } from '../../src/model/service';
import type { FileService } from '../../src/model/files';
import type { ServiceSettings } from '../../src/model/serviceSettings';
import { DropboxSignApi } from '../../src/providers/dropboxSign/apiClient';
import { dropboxSign } from '../../src/providers/dropboxSign/definition';

export interface StackOptions {
  /** Default: a FetchHttpClient with the definition's label and error reader (and the options below). */
  http?: HttpClient;
  /** Wraps the HTTP client the stack uses (e.g. to count requests). */
  wrapHttp?(http: HttpClient): HttpClient;
  userAgent?: string;
  timeoutMs?: number;
  logger?: Logger;
  responseLimits?: FetchHttpClientOptions['responseLimits'];
  fetchImpl?: FetchHttpClientOptions['fetchImpl'];
  /** Live secrets for redaction. Default: an empty registry. */
  secrets?: SecretSource;
  /** Default: the system clock. */
  clock?: Clock;
}

export interface ServiceStack {
  context: ServiceContext;
  http: HttpClient;
  settings: () => ServiceSettings;
  oauth: OAuthClient;
  signatures?: SignatureService;
  files?: FileService;
  accountSetup?: AccountSetupService;
}

/** Base URLs as a sandbox's info gives them (`contentBaseUrl` for a service with a content host). */
export type StackSettings = ServiceSettings | (() => ServiceSettings);

export function serviceContext(definition: ServiceDefinition, settings: StackSettings, options: StackOptions = {}): ServiceContext {
  const secrets = options.secrets ?? new SecretRegistry();
  const base =
    options.http ??
    new FetchHttpClient({
      serviceLabel: definition.label,
      userAgent: options.userAgent ?? 'SignDesk-test',
      readError: definition.readError,
      secrets,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.responseLimits ? { responseLimits: options.responseLimits } : {}),
      ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    });
  const readSettings = typeof settings === 'function' ? settings : () => settings;
  return {
    http: options.wrapHttp ? options.wrapHttp(base) : base,
    settings: readSettings,
    clock: options.clock ?? { now: () => Date.now() },
    secrets,
  };
}

/** Every client the definition offers, over one HTTP client. */
export function serviceStack(definition: ServiceDefinition, settings: StackSettings, options: StackOptions = {}): ServiceStack {
  const context = serviceContext(definition, settings, options);
  return {
    context,
    http: context.http,
    settings: context.settings,
    oauth: definition.oauth.create(context),
    signatures: definition.signatures?.create(context),
    files: definition.files?.create(context),
    accountSetup: definition.accountSetup?.create(context),
  };
}

export interface DropboxSignStack extends ServiceStack {
  signatures: SignatureService;
  accountSetup: AccountSetupService;
  /** The raw API client, for tests that call an endpoint the SignatureService does not offer. */
  api: DropboxSignApi;
}

/** The Dropbox Sign stack (the one most tests use), with its raw API client beside it. */
export function dropboxSignStack(settings: StackSettings, options: StackOptions = {}): DropboxSignStack {
  const stack = serviceStack(dropboxSign, settings, options);
  return {
    ...stack,
    signatures: stack.signatures!,
    accountSetup: stack.accountSetup!,
    api: new DropboxSignApi(stack.http, stack.settings),
  };
}
