// The HTTP client's unit tests (test/unit/core/fetchHttpClient.test.ts and httpLimits.test.ts, unchanged) run a second time against
// the code as it ships: bundled and minified by scripts/build.js, with node-fetch's whatwg-url resolved to
// Node's URL. Built in a child process because esbuild plugins need its
// async API and mocha needs the tests defined synchronously.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe } from 'mocha';
import { repoRoot } from '../../runner/paths';

// Redirects (node-fetch's manual mode resolves Location with the shimmed URL) and size caps are in httpLimits.
const names = ['fetchHttpClient.test', 'httpLimits.test'];
const sources = names.map((name) => path.join(repoRoot, 'test', 'unit', 'core', `${name}.ts`));
// Inside the repo (out/, outside the test globs) so the bundle's require('mocha') finds the running mocha.
const bundles = names.map((name) => path.join(repoRoot, 'out', 'shipped', `${name}.js`));
const builder = `
  const { bundleOptions } = require(${JSON.stringify(path.join(repoRoot, 'scripts', 'build.js'))});
  const sources = ${JSON.stringify(sources)};
  const bundles = ${JSON.stringify(bundles)};
  Promise.all(sources.map((source, i) => {
    const options = bundleOptions({ production: true, outfile: bundles[i] });
    return require('esbuild').build({ ...options, entryPoints: [source], external: [...options.external, 'mocha'], logLevel: 'error' });
  })).catch((e) => { console.error(e.message); process.exit(1); });
`;
execFileSync(process.execPath, ['-e', builder], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });

describe('as shipped (bundled and minified with the production build options)', () => {
  for (const bundle of bundles) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(bundle);
  }
});
