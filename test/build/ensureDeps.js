// Runs before `npm start` and `npm test`: installs the locked dependencies when node_modules is missing or
// older than package-lock.json (a fresh clone, or a pull that added a package). Without it, either command
// fails in `tsc` on a missing module instead of setting the machine up.
// Plain Node, no dependencies: it runs before any are installed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const repoRoot = path.join(__dirname, '..', '..');

/** Locked packages (not optional ones: those are platform-specific) that npm's own record of node_modules lacks or has at another version. */
function stalePackages(lockfile, installedRecord) {
  const installed = installedRecord?.packages ?? {};
  return Object.entries(lockfile.packages ?? {})
    .filter(([name, entry]) => name !== '' && !entry.optional)
    .filter(([name, entry]) => installed[name]?.version !== entry.version)
    .map(([name]) => name.replace(/^.*node_modules\//, ''));
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function main() {
  const lockfile = readJson(path.join(repoRoot, 'package-lock.json'));
  if (!lockfile) return;
  // npm writes node_modules/.package-lock.json on every install: what is actually there.
  const stale = stalePackages(lockfile, readJson(path.join(repoRoot, 'node_modules', '.package-lock.json')));
  if (stale.length === 0) return;
  const shown = stale.slice(0, 5).join(', ') + (stale.length > 5 ? `, and ${stale.length - 5} more` : '');
  console.log(`Installing the locked dependencies first (missing or out of date: ${shown})…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error('npm install failed (its output is above); fix that, then run the command again.');
    process.exit(result.status ?? 1);
  }
}

if (require.main === module) main();

module.exports = { stalePackages };
