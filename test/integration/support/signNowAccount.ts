// signNow set up and signed in against a sandbox in this process, without the browser: its settings point at
// the sandbox, its client secret is stored, and a password-grant token is saved as the session (the browser
// sign-in has tests of its own: signNow.test and e2e).
import * as vscode from 'vscode';
import type { SignDeskApi } from '../../../src/extension';
import { newSession, type StoredSession } from '../../../src/auth/session';
import { appSecretKey } from '../../../src/model/serviceSettings';
import type { SignNowSandbox } from '../../sandbox/signNow/server';
import { passwordToken } from '../../support/sandboxes/signNow';

type Testing = NonNullable<SignDeskApi['testing']>;

const SETTINGS = ['apiBaseUrl', 'oauthBaseUrl', 'clientId'] as const;
const settings = () => vscode.workspace.getConfiguration('signdesk.signNow');

/** Returns the saved session and `undo`, which forgets it and puts the settings and secret back. */
export async function signedInToSignNow(testing: Testing, sandbox: SignNowSandbox): Promise<{ session: StoredSession; undo(): Promise<void> }> {
  for (const key of SETTINGS) await settings().update(key, sandbox.info[key], vscode.ConfigurationTarget.Global);
  await testing.sessions.secrets.store(appSecretKey('signNow', 'clientSecret'), sandbox.info.clientSecret);
  const tokens = await passwordToken(sandbox);
  const account = await testing.runtimes.of('signNow').oauth.getAccount(tokens.access_token);
  const session = newSession('signNow', account, { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresAt: Date.now() + tokens.expires_in * 1000 }, 'active', Date.now());
  await testing.sessions.store.save(session);
  return {
    session,
    undo: async () => {
      await testing.sessions.store.remove(session).catch(() => undefined);
      for (const key of SETTINGS) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
      await testing.sessions.secrets.delete(appSecretKey('signNow', 'clientSecret'));
    },
  };
}
