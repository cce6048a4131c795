// The HTTP client's unit tests (test/unit/core/fetchHttpClient.test.ts, unchanged) run a second time against
// the code as it ships: bundled and minified by scripts/build.js, with node-fetch's whatwg-url resolved to
// Node's URL. Built in a child process because esbuild plugins need its
// async API and mocha needs the tests defined synchronously.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe } from 'mocha';
import { repoRoot } from '../../runner/paths';

const source = path.join(repoRoot, 'test', 'unit', 'core', 'fetchHttpClient.test.ts');
// Inside the repo (out/, outside the test globs) so the bundle's require('mocha') finds the running mocha.
const bundle = path.join(repoRoot, 'out', 'shipped', 'fetchHttpClient.test.js');
const builder = `
  const { bundleOptions } = require(${JSON.stringify(path.join(repoRoot, 'scripts', 'build.js'))});
  const options = bundleOptions({ production: true, outfile: ${JSON.stringify(bundle)} });
  require('esbuild')
    .build({ ...options, entryPoints: [${JSON.stringify(source)}], external: [...options.external, 'mocha'], logLevel: 'error' })
    .catch((e) => { console.error(e.message); process.exit(1); });
`;
execFileSync(process.execPath, ['-e', builder], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });

describe('as shipped (bundled and minified with the production build options)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(bundle);
});
