import * as assert from 'node:assert/strict';
import { AppCredentials } from '../../../src/auth/appCredentials';
import { SecretStorageUnavailableError } from '../../../src/auth/session';
import { SecretRegistry } from '../../../src/core/log';

class MemorySecrets {
  readonly values = new Map<string, string>();
  failing = false;
  reads = 0;
  async get(key: string): Promise<string | undefined> {
    if (this.failing) throw new Error('keyring locked');
    this.reads++;
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    if (this.failing) throw new Error('keyring locked');
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    if (this.failing) throw new Error('keyring locked');
    this.values.delete(key);
  }
}

// The keys SignDesk has always stored the app's secrets under: they must keep working.
const CLIENT_SECRET_KEY = 'signdesk.dropboxSign.clientSecret';
const API_KEY_KEY = 'signdesk.dropboxSign.apiKey';
const SERVICE = { id: 'dropboxSign', label: 'Dropbox Sign' };

describe('AppCredentials', () => {
  it('keeps the client secret and API key in secret storage and registers them for redaction', async () => {
    const secrets = new MemorySecrets();
    const registry = new SecretRegistry();
    const credentials = new AppCredentials(secrets, SERVICE, { read: () => '  client-1 ', write: async () => undefined }, registry);
    assert.deepEqual(await credentials.all(), { clientId: 'client-1', clientSecret: undefined, apiKey: undefined });
    await credentials.setClientSecret(' the-client-secret ');
    await credentials.setApiKey('the-api-key');
    assert.equal(secrets.values.get(CLIENT_SECRET_KEY), 'the-client-secret');
    assert.equal(secrets.values.get(API_KEY_KEY), 'the-api-key');
    assert.deepEqual([...registry.values()].sort(), ['the-api-key', 'the-client-secret']);
    await credentials.deleteApiKey();
    assert.deepEqual(await credentials.all(), { clientId: 'client-1', clientSecret: 'the-client-secret', apiKey: undefined });
  });

  it('configured = a client ID and a client secret; without an ID the secret is not even read', async () => {
    const secrets = new MemorySecrets();
    let clientId = '';
    const credentials = new AppCredentials(secrets, SERVICE, { read: () => clientId, write: async () => undefined }, new SecretRegistry());
    assert.equal(await credentials.isConfigured(), false);
    assert.equal(secrets.reads, 0);
    clientId = 'client-1';
    assert.equal(await credentials.isConfigured(), false, 'the client secret is missing');
    await credentials.setClientSecret('the-client-secret');
    assert.equal(await credentials.isConfigured(), true);
  });

  it('callers that ask at once share one read', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set(CLIENT_SECRET_KEY, 'stored-earlier');
    const credentials = new AppCredentials(secrets, SERVICE, { read: () => 'client-1', write: async () => undefined }, new SecretRegistry());
    assert.deepEqual(await Promise.all([credentials.isConfigured(), credentials.isConfigured(), credentials.clientSecret()]), [true, true, 'stored-earlier']);
    assert.equal(secrets.reads, 1);
  });

  it('registers secrets it reads (stored by an earlier session) for redaction', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set(CLIENT_SECRET_KEY, 'stored-earlier');
    const registry = new SecretRegistry();
    await new AppCredentials(secrets, SERVICE, { read: () => '', write: async () => undefined }, registry).clientSecret();
    assert.deepEqual([...registry.values()], ['stored-earlier']);
  });

  it('treats an empty client id as missing and refuses to store an empty secret', async () => {
    const credentials = new AppCredentials(new MemorySecrets(), SERVICE, { read: () => '   ', write: async () => undefined }, new SecretRegistry());
    assert.equal(credentials.clientId(), undefined);
    await assert.rejects(credentials.setClientSecret('  '));
  });

  it('explains a failing keyring without the secret in the message', async () => {
    const secrets = new MemorySecrets();
    secrets.failing = true;
    const credentials = new AppCredentials(secrets, SERVICE, { read: () => 'c', write: async () => undefined }, new SecretRegistry());
    await assert.rejects(credentials.setClientSecret('very-secret-value'), (error: Error) => {
      assert.ok(error instanceof SecretStorageUnavailableError);
      assert.match(error.message, /your Dropbox Sign app's client secret or API key.*keyring/);
      assert.doesNotMatch(error.message, /very-secret-value/);
      return true;
    });
    await assert.rejects(credentials.apiKey(), SecretStorageUnavailableError);
  });
});
