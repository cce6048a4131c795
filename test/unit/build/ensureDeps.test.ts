import * as assert from 'node:assert/strict';
import * as path from 'node:path';

// The check `npm start` and `npm test` run before anything else (plain JS, as it runs before installing).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stalePackages } = require(path.join(__dirname, '..', '..', '..', '..', 'test', 'build', 'ensureDeps.js')) as {
  stalePackages(lockfile: unknown, installedRecord: unknown): string[];
};

const lockfile = {
  packages: {
    '': { name: 'signdesk' },
    'node_modules/dropbox': { version: '10.34.0' },
    'node_modules/@types/semver': { version: '7.8.0' },
    'node_modules/@esbuild/darwin-arm64': { version: '0.28.2', optional: true },
    'node_modules/a/node_modules/b': { version: '1.0.0' },
  },
};

describe('ensureDeps: when npm start / npm test install the locked dependencies first', () => {
  it('a fresh clone (no node_modules): every locked package is missing', () => {
    assert.deepEqual(stalePackages(lockfile, undefined), ['dropbox', '@types/semver', 'b']);
  });

  it('node_modules from before a pull that added packages: exactly the added ones', () => {
    const installed = { packages: { 'node_modules/a/node_modules/b': { version: '1.0.0' } } };
    assert.deepEqual(stalePackages(lockfile, installed), ['dropbox', '@types/semver']);
  });

  it('a package at another version than locked is stale', () => {
    const installed = {
      packages: { 'node_modules/dropbox': { version: '10.47.0' }, 'node_modules/@types/semver': { version: '7.8.0' }, 'node_modules/a/node_modules/b': { version: '1.0.0' } },
    };
    assert.deepEqual(stalePackages(lockfile, installed), ['dropbox']);
  });

  it('everything installed as locked: nothing to do, and another platform\'s optional binary is not asked for', () => {
    const installed = {
      packages: { 'node_modules/dropbox': { version: '10.34.0' }, 'node_modules/@types/semver': { version: '7.8.0' }, 'node_modules/a/node_modules/b': { version: '1.0.0' } },
    };
    assert.deepEqual(stalePackages(lockfile, installed), []);
  });
});
