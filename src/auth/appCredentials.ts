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
  private readonly readsInFlight = new Map<string, Promise<string | undefined>>();

  private readonly clientSecretKey: string;
  private readonly apiKeyKey: string;

  constructor(
    private readonly secretStorage: Pick<SecretStorageLike, 'get' | 'store' | 'delete'>,
    /**
     * The service whose app this is: its id keys the secrets, its label names it in messages; a public
     * client (`oauth.clientSecret: 'none'`, PKCE) is configured with its client id alone.
     */
    private readonly appService: { readonly id: string; readonly label: string; readonly oauth?: { readonly clientSecret: 'required' | 'none' } },
    private readonly idSetting: ClientIdSetting,
    private readonly registry: SecretRegistry,
  ) {
    this.clientSecretKey = appSecretKey(appService.id, 'clientSecret');
    this.apiKeyKey = appSecretKey(appService.id, 'apiKey');
  }

  clientId(): string | undefined {
    const value = this.idSetting.read()?.trim();
    return value || undefined;
  }

  /** Stores the client id in its setting (user level), trimmed. */
  async setClientId(value: string): Promise<void> {
    await this.idSetting.write(value.trim());
  }

  clientSecret(): Promise<string | undefined> {
    return this.readSecret(this.clientSecretKey);
  }

  apiKey(): Promise<string | undefined> {
    return this.readSecret(this.apiKeyKey);
  }

  /**
   * Sign In can work: a client ID and a client secret. The secret is read only when there is an ID
   * (before that, nothing is read).
   */
  async isConfigured(): Promise<boolean> {
    // A public client (PKCE) has no secret to read.
    return this.clientId() !== undefined && (this.appService.oauth?.clientSecret === 'none' || (await this.clientSecret()) !== undefined);
  }

  async all(): Promise<AppCredentialValues> {
    const [clientSecret, apiKey] = await Promise.all([this.clientSecret(), this.apiKey()]);
    return { clientId: this.clientId(), clientSecret, apiKey };
  }

  setClientSecret(value: string): Promise<void> {
    return this.writeSecret(this.clientSecretKey, value);
  }

  setApiKey(value: string): Promise<void> {
    return this.writeSecret(this.apiKeyKey, value);
  }

  async deleteApiKey(): Promise<void> {
    this.readsInFlight.delete(this.apiKeyKey);
    await this.callKeyring('delete', () => this.secretStorage.delete(this.apiKeyKey));
  }

  private readSecret(key: string): Promise<string | undefined> {
    const shared = this.readsInFlight.get(key);
    if (shared) {
      return shared;
    }
    const reading = this.readOnce(key).finally(() => {
      if (this.readsInFlight.get(key) === reading) this.readsInFlight.delete(key);
    });
    this.readsInFlight.set(key, reading);
    return reading;
  }

  private async readOnce(key: string): Promise<string | undefined> {
    const value = await this.callKeyring('read', () => this.secretStorage.get(key));
    if (value) {
      this.registry.add(value);
    }
    return value || undefined;
  }

  private async writeSecret(key: string, value: string): Promise<void> {
    const trimmed = value.trim();
    if (!trimmed) {
      throw new Error('An empty credential is not stored');
    }
    this.registry.add(trimmed);
    this.readsInFlight.delete(key); // a read in flight predates this value
    await this.callKeyring('write', () => this.secretStorage.store(key, trimmed));
  }

  /** One secret storage call; when the keyring fails, the same advice as for sessions, naming what was being stored. */
  private async callKeyring<T>(operation: 'read' | 'write' | 'delete', call: () => PromiseLike<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new SecretStorageUnavailableError(operation, error, `your ${this.appService.label} app's client secret or API key`);
    }
  }
}
