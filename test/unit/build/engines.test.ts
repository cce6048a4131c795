// Every package the lockfile installs must run on the oldest Node the project supports (.ci/run accepts
// 20.19). A test-only package that wants a newer Node (dropbox 10.35+ asks for Node 22) installs with only a
// warning here, but not where npm is engine-strict, and then `tsc -p .` — the first step of `npm start` and
// `npm test` — fails on its missing import: the front door breaks for a new user.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as semver from 'semver';
import { repoRoot } from '../../runner/paths';

const OLDEST_SUPPORTED_NODE = '20.19.0';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

describe('installed packages and the supported Node versions', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };

  it(`package.json's engines.node admits Node ${OLDEST_SUPPORTED_NODE}, the oldest .ci/run accepts`, () => {
    assert.ok(semver.satisfies(OLDEST_SUPPORTED_NODE, manifest.engines.node), manifest.engines.node);
  });

  it(`every locked package admits Node ${OLDEST_SUPPORTED_NODE}`, () => {
    const refusing = Object.entries(lock.packages)
      .filter(([where]) => where !== '')
      .flatMap(([where, pkg]) => {
        const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
        return range && !semver.satisfies(OLDEST_SUPPORTED_NODE, range) ? [`${where}@${pkg.version}: node ${range}`] : [];
      });
    assert.deepEqual(refusing, [], 'pin these to a version that runs on the supported Node');
  });
});
