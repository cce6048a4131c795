// Builds dist/extension.js with esbuild.
//   node scripts/build.js               development build (source map)
//   node scripts/build.js --production  as packaged: minified, and it fails when over the size budget
// The bench and the unit tests build with bundleOptions() too, so what they measure is what ships.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.join(__dirname, '..');

/**
 * The minified bundle's budget: 0.7 × the 220,826 bytes of VS Code 1.100.3's built-in github-authentication
 * bundle (issue 12). SignDesk activates in every window, so its load cost is paid everywhere.
 */
const BUNDLE_BUDGET_BYTES = Math.floor(0.7 * 220_826);

/** esbuild options for the extension bundle; `outfile` and `entryPoints` may be overridden. */
function bundleOptions({ production, outfile = path.join(repoRoot, 'dist', 'extension.js') }) {
  return {
    entryPoints: [path.join(repoRoot, 'src', 'extension.ts')],
    bundle: true,
    outfile,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // `encoding` is node-fetch's optional peer (only for textConverted(), which SignDesk never calls).
    external: ['vscode', 'encoding'],
    // node-fetch 2 takes URL from Node (url.URL) and falls back to whatwg-url's only where Node has none;
    // Node 20 always has one, so whatwg-url and its 250 KB IDNA table (tr46) would ship unused.
    alias: { 'whatwg-url': path.join(repoRoot, 'scripts', 'shims', 'whatwgUrl.js') },
    charset: 'utf8',
    minify: production,
    sourcemap: !production,
    metafile: true,
    logLevel: 'warning',
  };
}

/** Undefined when `bytes` fits the budget; otherwise what to tell the person packaging. */
function budgetProblem(bytes, budget = BUNDLE_BUDGET_BYTES) {
  if (bytes <= budget) return undefined;
  return (
    `dist/extension.js is ${bytes.toLocaleString('en')} bytes, over its budget of ${budget.toLocaleString('en')} bytes ` +
    `(0.7 × VS Code's github-authentication bundle) by ${(bytes - budget).toLocaleString('en')}. ` +
    `See what grew with \`npm run bench\` (largest inputs), and keep what Node already provides out of the bundle.`
  );
}

async function main() {
  const production = process.argv.includes('--production');
  const options = bundleOptions({ production });
  await require('esbuild').build(options);
  const bytes = fs.statSync(options.outfile).size;
  if (!production) return;
  const problem = budgetProblem(bytes);
  if (problem) {
    console.error(`Bundle over budget: ${problem}`);
    process.exitCode = 1;
    return;
  }
  console.log(`dist/extension.js: ${bytes.toLocaleString('en')} bytes (budget ${BUNDLE_BUDGET_BYTES.toLocaleString('en')})`);
}

module.exports = { BUNDLE_BUDGET_BYTES, bundleOptions, budgetProblem };

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
