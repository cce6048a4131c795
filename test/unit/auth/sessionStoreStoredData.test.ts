// What SignDesk stored before its storage became service-neutral (issue 11) must still be read: the keys and
// shapes below are written out literally, as the code of that time wrote them (secret storage, globalState,
// settings), and read back through the service list the way the runtime builds it. Nothing may need migrating.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppCredentials } from '../../../src/auth/appCredentials';
import { ActiveSession } from '../../../src/auth/sessionSelection';
import { SessionStore } from '../../../src/auth/sessionStore';
import { SecretRegistry } from '../../../src/core/log';
import { appSecretKey, resolveServiceSettings, settingKey } from '../../../src/model/serviceSettings';
import { SERVICES } from '../../../src/providers';
import { RecordingLogger } from '../../support/log';
import { FakeKeyring } from '../../support/secrets';
import { FakeMemento } from '../../support/memento';

const dropboxSign = SERVICES.find((service) => service.label === 'Dropbox Sign');

/** A session entry as SignDesk wrote it (auth/sessionStore, JSON.stringify of StoredSession). */
const STORED_SESSION = JSON.stringify({
  service: 'dropboxSign',
  accountId: 'acct-1f2e3d',
  email: 'ana@example.com',
  accessToken: 'StoredAccessToken0123456789abcdef',
  refreshToken: 'StoredRefreshToken0123456789abcdef',
  expiresAt: 1_764_000_000_000,
  scopes: ['basic_account_info', 'request_signature'],
  status: 'active',
  createdAt: 1_763_000_000_000,
  origins: { oauth: 'https://app.hellosign.com', api: 'https://api.hellosign.com' },
});

/** Saved before origins were recorded. */
const OLDER_SESSION = JSON.stringify({
  service: 'dropboxSign',
  accountId: 'acct-older',
  email: 'bo@example.com',
  accessToken: 'OlderAccessToken0123456789abcdef',
  refreshToken: 'OlderRefreshToken0123456789abcdef',
  expiresAt: 1_764_000_000_000,
  scopes: [],
  status: 'expired',
  createdAt: 1_762_000_000_000,
});


describe('stored data written before issue 11 (service-neutral storage)', () => {
  let keyring: FakeKeyring;

  beforeEach(() => {
    keyring = new FakeKeyring();
    keyring.values.set('signdesk.sessionIndex.dropboxSign', JSON.stringify(['acct-older', 'acct-1f2e3d']));
    keyring.values.set('signdesk.session.dropboxSign.acct-1f2e3d', STORED_SESSION);
    keyring.values.set('signdesk.session.dropboxSign.acct-older', OLDER_SESSION);
    keyring.values.set('signdesk.dropboxSign.clientSecret', 'StoredClientSecret0123456789');
    keyring.values.set('signdesk.dropboxSign.apiKey', 'StoredApiKey0123456789');
  });

  it('Dropbox Sign is in the service list under its id of old (it keys every stored item)', () => {
    assert.ok(dropboxSign);
    assert.equal(dropboxSign.id, 'dropboxSign');
    assert.equal(dropboxSign.authProviderId, 'signdesk-dropbox-sign');
  });

  it('reads the stored sessions and index, the newer with its origins, the older without', async () => {
    const store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log: new RecordingLogger() });
    const sessions = await store.list();
    assert.deepEqual(sessions.map((s) => [s.service, s.accountId, s.status]), [
      ['dropboxSign', 'acct-older', 'expired'],
      ['dropboxSign', 'acct-1f2e3d', 'active'],
    ]);
    assert.deepEqual(sessions[1], JSON.parse(STORED_SESSION));
    assert.equal(sessions[0].origins, undefined);
    store.dispose();
  });

  it('keeps writing sessions under the same keys (an older SignDesk in another window reads them)', async () => {
    const store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log: new RecordingLogger() });
    const session = JSON.parse(STORED_SESSION);
    await store.save({ ...session, accountId: 'acct-new' });
    assert.deepEqual(JSON.parse(keyring.values.get('signdesk.sessionIndex.dropboxSign') ?? '[]'), ['acct-older', 'acct-1f2e3d', 'acct-new']);
    assert.equal(JSON.parse(keyring.values.get('signdesk.session.dropboxSign.acct-new') ?? '{}').refreshToken, session.refreshToken);
    store.dispose();
  });

  it('reads the chosen account from globalState (signdesk.activeAccount)', async () => {
    const store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log: new RecordingLogger() });
    const memento = new FakeMemento(new Map([['signdesk.activeAccount', { service: 'dropboxSign', accountId: 'acct-1f2e3d' }]]));
    const active = new ActiveSession(store, memento, new RecordingLogger());
    assert.equal((await active.current())?.accountId, 'acct-1f2e3d');
    active.dispose();
    store.dispose();
  });

  it("reads the app's client secret and API key under their keys, and its client id setting's key", async () => {
    assert.ok(dropboxSign);
    const credentials = new AppCredentials(
      keyring.window(),
      dropboxSign,
      { read: () => 'stored-client-id', write: async () => undefined },
      new SecretRegistry(),
    );
    assert.deepEqual(await credentials.all(), {
      clientId: 'stored-client-id',
      clientSecret: 'StoredClientSecret0123456789',
      apiKey: 'StoredApiKey0123456789',
    });
    assert.equal(appSecretKey(dropboxSign.id, 'clientSecret'), 'signdesk.dropboxSign.clientSecret');
    assert.equal(appSecretKey(dropboxSign.id, 'apiKey'), 'signdesk.dropboxSign.apiKey');
  });

  it('reads the settings under their keys (signdesk.dropboxSign.*), which package.json still contributes', () => {
    assert.ok(dropboxSign);
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as PackageJson;
    const contributed = Object.keys(pkg.contributes.configuration.properties);
    for (const [name, key] of [
      ['clientId', 'signdesk.dropboxSign.clientId'],
      ['apiBaseUrl', 'signdesk.dropboxSign.apiBaseUrl'],
      ['oauthBaseUrl', 'signdesk.dropboxSign.oauthBaseUrl'],
    ] as const) {
      assert.equal(settingKey(dropboxSign.id, name), key);
      assert.ok(contributed.includes(key), key);
    }
    const stored = { apiBaseUrl: 'http://127.0.0.1:3100/v3', oauthBaseUrl: 'http://127.0.0.1:3100' };
    assert.deepEqual(resolveServiceSettings(dropboxSign.id, dropboxSign.defaults, stored), stored);
    assert.throws(
      () => resolveServiceSettings(dropboxSign.id, dropboxSign.defaults, { apiBaseUrl: 'http://example.com' }),
      /The setting "signdesk\.dropboxSign\.apiBaseUrl" cannot be used/,
    );
  });
});

interface PackageJson {
  contributes: { configuration: { properties: Record<string, unknown> } };
}
