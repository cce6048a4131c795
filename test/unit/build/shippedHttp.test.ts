// The unit tests of the code that uses node-fetch and Node's http/https (test/unit/core/fetchHttpClient.test.ts
// and test/unit/auth/loopbackReceiver.test.ts, unchanged) run a second time against that code as it ships:
// bundled and minified by test/build/build.js, with node-fetch's whatwg-url resolved to Node's URL and node-fetch,
// http and https loaded on first use. Built in a child process because esbuild plugins need its async API and
// mocha needs the tests defined synchronously.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe } from 'mocha';
import { repoRoot } from '../../runner/paths';

const suites = [path.join('core', 'fetchHttpClient.test.ts'), path.join('auth', 'loopbackReceiver.test.ts')];

for (const suite of suites) {
  const source = path.join(repoRoot, 'test', 'unit', suite);
  // Inside the repo (out/, outside the test globs) so the bundle's require('mocha') finds the running mocha.
  const bundle = path.join(repoRoot, 'out', 'shipped', path.basename(suite).replace(/\.ts$/, '.js'));
  const builder = `
    const { bundleOptions } = require(${JSON.stringify(path.join(repoRoot, 'test', 'build', 'build.js'))});
    const options = bundleOptions({ production: true, outfile: ${JSON.stringify(bundle)} });
    require('esbuild')
      .build({ ...options, entryPoints: [${JSON.stringify(source)}], external: [...options.external, 'mocha'], logLevel: 'error' })
      .catch((e) => { console.error(e.message); process.exit(1); });
  `;
  execFileSync(process.execPath, ['-e', builder], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });

  describe(`as shipped (bundled and minified with the production build options): ${suite}`, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(bundle);
  });
}
