// Loading the bundle and activate(): each run a fresh Node process with the fake `vscode` of test/support/fakeVscode.ts
// (host overhead — extension host start, reading package.json — is excluded). SignDesk's bundle and the anchor
// (VS Code's github-authentication, loaded the same way, require only) run interleaved, the order swapped every
// pair, so a machine that slows down slows both alike.
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { LoadRun } from './activateChild';

export type { LoadRun };

function loadOnce(bundle: string, packageJson: string, requireOnly: boolean): LoadRun {
  const child = path.join(__dirname, 'activateChild.js');
  const args = [child, bundle, packageJson, ...(requireOnly ? ['--require-only'] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as LoadRun;
}

export interface LoadComparison {
  ours: LoadRun[];
  anchor: LoadRun[];
}

export function timeLoads(ours: { bundle: string; packageJson: string }, anchor: { bundle: string; packageJson: string } | undefined, runs: number): LoadComparison {
  const result: LoadComparison = { ours: [], anchor: [] };
  loadOnce(ours.bundle, ours.packageJson, false); // warm-up: the file cache, not measured
  if (anchor) loadOnce(anchor.bundle, anchor.packageJson, true);
  for (let i = 0; i < runs; i++) {
    const measureOurs = () => result.ours.push(loadOnce(ours.bundle, ours.packageJson, false));
    const measureAnchor = () => anchor && result.anchor.push(loadOnce(anchor.bundle, anchor.packageJson, true));
    if (i % 2 === 0) {
      measureOurs();
      measureAnchor();
    } else {
      measureAnchor();
      measureOurs();
    }
  }
  return result;
}

/** Instructions of one fresh run under valgrind (callgrind), V8 single-threaded and deterministic. */
function instructions(bundle: string, packageJson: string, requireOnly: boolean): Promise<number | undefined> {
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', '--predictable'];
  args.push(path.join(__dirname, 'activateChild.js'), bundle, packageJson, ...(requireOnly ? ['--require-only'] : []));
  return new Promise((resolve) => {
    execFile('valgrind', args, { encoding: 'utf8', timeout: 300_000 }, (error, _stdout, stderr) => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr ?? '');
      resolve(error || !refs ? undefined : Number(refs[1].replace(/,/g, '')));
    });
  });
}

/**
 * activate()'s own instructions: a run with it less a run without it (both in parallel). Unlike time, the count
 * does not move with the machine's load, so it compares two commits to within a few thousand instructions.
 * Undefined when valgrind is not installed.
 */
export async function activateInstructions(bundle: string, packageJson: string): Promise<number | undefined> {
  const [withActivate, requireOnly] = await Promise.all([instructions(bundle, packageJson, false), instructions(bundle, packageJson, true)]);
  return withActivate === undefined || requireOnly === undefined ? undefined : withActivate - requireOnly;
}
