// package.json's contributions and the service list (src/providers/index.ts) must agree: one
// authentication provider and one settings block per service, each from the service's definition.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServiceDefinition } from '../../../src/model/service';
import { SERVICES } from '../../../src/providers';

interface SettingSchema {
  type?: string;
  default?: unknown;
  scope?: string;
}

// Compiled to out/test/unit/providers: the repo root is four levels up.
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
const configuration = pkg.contributes.configuration;
const settings: Record<string, SettingSchema> = Array.isArray(configuration)
  ? Object.assign({}, ...configuration.map((c: { properties: Record<string, SettingSchema> }) => c.properties))
  : configuration.properties;
/** Setting groups that belong to no one service (`signdesk.oauth.*`: how sign-in reaches back to VS Code). */
const SERVICE_NEUTRAL_GROUPS = ['oauth'];

function baseUrlSettings(service: ServiceDefinition): Array<[string, string]> {
  const urls: Array<[string, string | undefined]> = [
    ['apiBaseUrl', service.defaults.apiBaseUrl],
    ['oauthBaseUrl', service.defaults.oauthBaseUrl],
    ['contentBaseUrl', service.defaults.contentBaseUrl],
  ];
  return urls.filter((u): u is [string, string] => u[1] !== undefined);
}

describe('package.json and the service list', () => {
  it('lists each service once, with distinct ids and auth-provider ids', () => {
    assert.ok(SERVICES.length > 0);
    assert.equal(new Set(SERVICES.map((s) => s.id)).size, SERVICES.length);
    assert.equal(new Set(SERVICES.map((s) => s.authProviderId)).size, SERVICES.length);
  });

  it('contributes exactly one authentication provider per service, with its id and label', () => {
    const contributed: Array<{ id: string; label: string }> = pkg.contributes.authentication ?? [];
    assert.deepEqual(
      [...contributed].sort((a, b) => a.id.localeCompare(b.id)),
      SERVICES.map((s) => ({ id: s.authProviderId, label: s.label })).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('activates when another extension asks for any service’s sessions: one onAuthenticationRequest per service, no other', () => {
    const events = (pkg.activationEvents as string[]).filter((event) => event.startsWith('onAuthenticationRequest:')).sort();
    assert.deepEqual(events, SERVICES.map((service) => `onAuthenticationRequest:${service.authProviderId}`).sort());
  });

  for (const service of SERVICES) {
    it(`has a settings block for ${service.id}: its base URLs, defaulting to the definition’s, user-level only`, () => {
      for (const [name, defaultUrl] of baseUrlSettings(service)) {
        const key = `signdesk.${service.id}.${name}`;
        const schema = settings[key];
        assert.ok(schema, `${key} is contributed`);
        assert.equal(schema.type, 'string', key);
        assert.equal(schema.default, defaultUrl, key);
        // A workspace must not redirect tokens: base URLs are machine or application settings.
        assert.ok(schema.scope === 'application' || schema.scope === 'machine', `${key} scope ${schema.scope}`);
      }
      assert.ok(settings[`signdesk.${service.id}.clientId`], `signdesk.${service.id}.clientId is contributed`);
    });
  }

  it('has no settings block for a service the list does not carry', () => {
    const groups = new Set(
      Object.keys(settings)
        .map((key) => key.split('.'))
        .filter((parts) => parts.length === 3 && !SERVICE_NEUTRAL_GROUPS.includes(parts[1]))
        .map((parts) => parts[1]),
    );
    assert.deepEqual([...groups].sort(), SERVICES.map((s) => s.id).sort());
  });
});
