// The Dropbox Sign sandbox as a workbench fixture service. It listens on 127.0.0.2: this web host rewrites
// 127.0.0.1 URLs opened with openExternal (the consent page; see /work/shared/notes/real-vscode-host.md).
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { FixtureService } from './fixture';

/**
 * The service, and `sandbox()` to reach the running sandbox once the fixture has started. SignDesk is
 * pointed at it (API, OAuth, client id); `settings` adds more, `prepare` adjusts the sandbox before use.
 */
export function sandboxService(
  settings: (sandbox: Sandbox) => Record<string, unknown> = () => ({}),
  prepare?: (sandbox: Sandbox) => void,
): { service: FixtureService; sandbox: () => Sandbox } {
  const holder: { current?: Sandbox } = {};
  const service: FixtureService = {
    name: 'sandbox',
    start: async () => {
      const sandbox = await startSandbox({ host: '127.0.0.2' });
      holder.current = sandbox;
      prepare?.(sandbox);
      return {
        settings: {
          'signdesk.dropboxSign.apiBaseUrl': sandbox.info.apiBaseUrl,
          'signdesk.dropboxSign.oauthBaseUrl': sandbox.info.oauthBaseUrl,
          'signdesk.dropboxSign.clientId': sandbox.info.clientId,
          ...settings(sandbox),
        },
        close: () => sandbox.close(),
      };
    },
  };
  return { service, sandbox: (): Sandbox => holder.current ?? assert.fail('the sandbox has not started') };
}
