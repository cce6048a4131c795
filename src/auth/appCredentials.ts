// The user's own API app of one service: client id (a setting, not secret), client secret and optional
// API key (SecretStorage only, never settings, globalState or logs), under the service's keys
// (`signdesk.<id>.clientSecret`, `signdesk.<id>.apiKey`: model/serviceSettings). VS Code-free: the runtime
// passes `context.secrets` and the setting's reader and writer.
import type { SecretRegistry } from '../core/log';
import { appSecretKey } from '../model/serviceSettings';
import type { SecretStorageLike } from './session';
import { SecretStorageUnavailableError } from './session';

/** The client id setting of the service (`signdesk.<id>.clientId`). */
export interface ClientIdSetting {
  read(): string | undefined;
  write(value: string): Promise<void>;
}

export interface AppCredentialValues {
  clientId: string | undefined;
  clientSecret: string | undefined;
  apiKey: string | undefined;
}

export class AppCredentials {
  /** Reads in flight: the status bar and the view ask at once at activation, and share one read. */
  private readonly reads = new Map<string, Promise<string | undefined>>();

  private readonly clientSecretKey: string;
  private readonly apiKeyKey: string;

  constructor(
    private readonly secrets: Pick<SecretStorageLike, 'get' | 'store' | 'delete'>,
    /**
     * The service whose app this is: its id keys the secrets, its label names it in messages; a public
     * client (`oauth.clientSecret: 'none'`, PKCE) is configured with its client id alone.
     */
    private readonly service: { readonly id: string; readonly label: string; readonly oauth?: { readonly clientSecret: 'required' | 'none' } },
    private readonly clientIdSetting: ClientIdSetting,
    private readonly registry: SecretRegistry,
  ) {
    this.clientSecretKey = appSecretKey(service.id, 'clientSecret');
    this.apiKeyKey = appSecretKey(service.id, 'apiKey');
  }

  /** The service's name, for messages about its app. */
  get serviceLabel(): string {
    return this.service.label;
  }

  clientId(): string | undefined {
    const value = this.clientIdSetting.read()?.trim();
    return value ? value : undefined;
  }

  /** Stores the client id in its setting (user level), trimmed. */
  async setClientId(value: string): Promise<void> {
    await this.clientIdSetting.write(value.trim());
  }

  async clientSecret(): Promise<string | undefined> {
    return this.read(this.clientSecretKey);
  }

  async apiKey(): Promise<string | undefined> {
    return this.read(this.apiKeyKey);
  }

  /**
   * Sign In can work: a client ID and a client secret. The secret is read only when there is an ID
   * (before that, nothing is read).
   */
  async isConfigured(): Promise<boolean> {
    if (this.service.oauth?.clientSecret === 'none') {
      return this.clientId() !== undefined;
    }
    return this.clientId() !== undefined && (await this.clientSecret()) !== undefined;
  }

  async all(): Promise<AppCredentialValues> {
    const [clientSecret, apiKey] = await Promise.all([this.clientSecret(), this.apiKey()]);
    return { clientId: this.clientId(), clientSecret, apiKey };
  }

  async setClientSecret(value: string): Promise<void> {
    await this.write(this.clientSecretKey, value);
  }

  async setApiKey(value: string): Promise<void> {
    await this.write(this.apiKeyKey, value);
  }

  async deleteApiKey(): Promise<void> {
    this.reads.delete(this.apiKeyKey);
    try {
      await this.secrets.delete(this.apiKeyKey);
    } catch (error) {
      throw this.storageError('delete', error);
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
      throw this.storageError('read', error);
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
      throw this.storageError('write', error);
    }
  }

  /** The keyring failed: the same advice as for sessions, naming what was being stored. */
  private storageError(operation: 'read' | 'write' | 'delete', cause: unknown): SecretStorageUnavailableError {
    return new SecretStorageUnavailableError(operation, cause, `your ${this.service.label} app's client secret or API key`);
  }
}
