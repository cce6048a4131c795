// The Dropbox Sign sandbox as a workbench fixture service, on the host and with the SignDesk settings
// `npm start` uses (test/runner/sandboxSettings.ts).
import * as assert from 'node:assert/strict';
import { SANDBOX_HOST, signDeskSandboxSettings } from '../../runner/sandboxSettings';
import { startSandbox, type Sandbox } from '../../sandbox/dropboxSign/server';
import type { FixtureService } from './fixture';

/**
 * The service, and `sandbox()` to reach the running sandbox once the fixture has started. SignDesk is
 * pointed at it as `npm start` does it; `settings` adds more, `prepare` adjusts the sandbox before use.
 */
export function sandboxService(
  settings: (sandbox: Sandbox) => Record<string, unknown> = () => ({}),
  prepare?: (sandbox: Sandbox) => void,
): { service: FixtureService; sandbox: () => Sandbox } {
  const holder: { current?: Sandbox } = {};
  const service: FixtureService = {
    name: 'sandbox',
    start: async () => {
      const sandbox = await startSandbox({ host: SANDBOX_HOST });
      holder.current = sandbox;
      prepare?.(sandbox);
      return {
        settings: { ...signDeskSandboxSettings(sandbox.info), ...settings(sandbox) },
        close: () => sandbox.close(),
      };
    },
  };
  return { service, sandbox: (): Sandbox => holder.current ?? assert.fail('the sandbox has not started') };
}
