// activate() time: the minified bundle, loaded cold in a new Node process per run, against the fake
// `vscode` of fakeVscode.ts. Host overhead (extension host start, reading package.json) is excluded.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export interface ActivationRun {
  requireMs: number;
  activateMs: number;
  commands: number;
  disposables: number;
  error?: string;
  failed?: string;
}

export function timeActivation(bundle: string, runs: number): ActivationRun[] {
  const child = path.join(__dirname, 'activateChild.js');
  const results: ActivationRun[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [child, bundle], { encoding: 'utf8', timeout: 60_000 });
    results.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ActivationRun);
  }
  return results;
}
