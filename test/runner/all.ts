// `npm test` (after build + compile): runs every layer as a child process, one after the other (2-core
// machines), streams its output, and ends with pass/fail counts per layer. Exit 1 if any layer fails.
// `node out/test/runner/all.js unit e2e` runs only the named layers.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { outDir, repoRoot } from './paths';

interface Layer {
  name: string;
  args: string[];
}

const mochaBin = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const layers: Layer[] = [
  { name: 'unit', args: [mochaBin, '--no-color', 'out/test/unit/**/*.test.js'] },
  // One line "bad inputs: N tried, M failed" (test/badInputs/tally.ts), grouped by area.
  {
    name: 'bad-inputs',
    args: [mochaBin, '--no-color', '--timeout', '60000', '--require', 'out/test/badInputs/tally.js', 'out/test/badInputs/**/*.test.js'],
  },
  { name: 'integration', args: [path.join(outDir, 'test', 'runner', 'runIntegration.js')] },
  { name: 'e2e', args: [mochaBin, '--no-color', '--timeout', '120000', 'out/test/e2e/**/*.test.js'] },
];

interface Result {
  name: string;
  passed: number;
  failed: number;
  pending: number;
  exitCode: number;
  seconds: number;
  /** Mocha printed a summary (otherwise the layer died before or while running its tests). */
  reported: boolean;
}

/**
 * Mocha's epilogues: "  12 passing (3s)", "  1 pending", "  2 failing", summed over every run in the output
 * (the integration layer runs the suite, then one run per reactivation stage).
 */
export function mochaCounts(output: string): { passed: number; failed: number; pending: number; reported: boolean } {
  const plain = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), ''); // colour codes
  const sum = (word: string): number | undefined => {
    const matches = [...plain.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    return matches.length ? matches.reduce((total, match) => total + Number(match[1]), 0) : undefined;
  };
  const passed = sum('passing');
  const failed = sum('failing');
  return { passed: passed ?? 0, failed: failed ?? 0, pending: sum('pending') ?? 0, reported: passed !== undefined || failed !== undefined };
}

function runLayer(layer: Layer): Promise<Result> {
  const started = Date.now();
  console.log(`\n━━━ ${layer.name} ━━━`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, layer.args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    const finish = (exitCode: number): void => {
      const counts = mochaCounts(output);
      resolve({ name: layer.name, ...counts, exitCode, seconds: Math.round((Date.now() - started) / 1000) });
    };
    child.on('error', (error) => {
      console.error(`${layer.name}: ${error.message}`);
      finish(1);
    });
    child.on('exit', (code, signal) => finish(code ?? (signal ? 1 : 0)));
  });
}

function describe(result: Result): string {
  const counts = `${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''}`;
  let note = '';
  if (!result.reported) note = ` — did not run its tests (exit ${result.exitCode})`;
  else if (result.exitCode !== 0 && result.failed === 0) note = ` — exit ${result.exitCode} after its tests`;
  return `${`${result.name}:`.padEnd(13)}${counts}${note} (${result.seconds} s)`;
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !layers.some((layer) => layer.name === name));
  if (unknown.length) {
    console.error(`unknown layer(s): ${unknown.join(', ')}; known: ${layers.map((layer) => layer.name).join(', ')}`);
    return 1;
  }
  const results: Result[] = [];
  for (const layer of layers.filter((l) => wanted.length === 0 || wanted.includes(l.name))) results.push(await runLayer(layer));

  const failedLayers = results.filter((result) => result.exitCode !== 0 || result.failed > 0 || !result.reported);
  const total = results.reduce((sum, result) => ({ passed: sum.passed + result.passed, failed: sum.failed + result.failed }), { passed: 0, failed: 0 });
  console.log('\n━━━ SignDesk test summary ━━━');
  for (const result of results) console.log(describe(result));
  console.log(
    `${'total:'.padEnd(13)}${total.passed} passed, ${total.failed} failed — ${failedLayers.length ? `FAILED (${failedLayers.map((r) => r.name).join(', ')})` : 'OK'}`,
  );
  return failedLayers.length ? 1 : 0;
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}
