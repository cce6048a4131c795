// The user's own Dropbox Sign API app: client id (a setting, not secret), client secret and optional
// API key (SecretStorage only, never settings, globalState or logs). VS Code-free: the command passes
// `context.secrets` and a reader for the setting.
import type { SecretRegistry } from '../core/log';
import type { SecretStorageLike } from './session';
import { SecretStorageUnavailableError } from './session';

export const CLIENT_SECRET_KEY = 'signdesk.dropboxSign.clientSecret';
export const API_KEY_KEY = 'signdesk.dropboxSign.apiKey';

export interface AppCredentialValues {
  clientId: string | undefined;
  clientSecret: string | undefined;
  apiKey: string | undefined;
}

export class AppCredentials {
  /** Reads in flight: the status bar and the view ask at once at activation, and share one read. */
  private readonly reads = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly secrets: Pick<SecretStorageLike, 'get' | 'store' | 'delete'>,
    private readonly readClientId: () => string | undefined,
    private readonly registry: SecretRegistry,
  ) {}

  clientId(): string | undefined {
    const value = this.readClientId()?.trim();
    return value ? value : undefined;
  }

  async clientSecret(): Promise<string | undefined> {
    return this.read(CLIENT_SECRET_KEY);
  }

  async apiKey(): Promise<string | undefined> {
    return this.read(API_KEY_KEY);
  }

  /**
   * Sign In can work: a client ID and a client secret. The secret is read only when there is an ID
   * (before that, nothing is read).
   */
  async isConfigured(): Promise<boolean> {
    return this.clientId() !== undefined && (await this.clientSecret()) !== undefined;
  }

  async all(): Promise<AppCredentialValues> {
    const [clientSecret, apiKey] = await Promise.all([this.clientSecret(), this.apiKey()]);
    return { clientId: this.clientId(), clientSecret, apiKey };
  }

  async setClientSecret(value: string): Promise<void> {
    await this.write(CLIENT_SECRET_KEY, value);
  }

  async setApiKey(value: string): Promise<void> {
    await this.write(API_KEY_KEY, value);
  }

  async deleteApiKey(): Promise<void> {
    this.reads.delete(API_KEY_KEY);
    try {
      await this.secrets.delete(API_KEY_KEY);
    } catch (error) {
      throw storageError('delete', error);
    }
  }

  private read(key: string): Promise<string | undefined> {
    const shared = this.reads.get(key);
    if (shared) {
      return shared;
    }
    const reading = this.readOnce(key).finally(() => {
      if (this.reads.get(key) === reading) this.reads.delete(key);
    });
    this.reads.set(key, reading);
    return reading;
  }

  private async readOnce(key: string): Promise<string | undefined> {
    let value: string | undefined;
    try {
      value = await this.secrets.get(key);
    } catch (error) {
      throw storageError('read', error);
    }
    if (value) {
      this.registry.add(value);
    }
    return value ? value : undefined;
  }

  private async write(key: string, value: string): Promise<void> {
    const trimmed = value.trim();
    if (!trimmed) {
      throw new Error('An empty credential is not stored');
    }
    this.registry.add(trimmed);
    this.reads.delete(key); // a read in flight predates this value
    try {
      await this.secrets.store(key, trimmed);
    } catch (error) {
      throw storageError('write', error);
    }
  }
}

/** The keyring failed: the same advice as for sessions, naming what was being stored. */
function storageError(operation: 'read' | 'write' | 'delete', cause: unknown): SecretStorageUnavailableError {
  const error = new SecretStorageUnavailableError(operation, cause);
  error.message = error.message.replace('your Dropbox Sign session', "your Dropbox Sign app's client secret or API key");
  return error;
}
