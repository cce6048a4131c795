// Entry point the extension host calls (extensionTestsPath): runs every compiled *.test.js next to this file
// with mocha, inside the host, so the tests use the real `vscode` API. Works under the web runner
// (test/runner/runIntegration.ts) and under @vscode/test-electron (test/runner/runDesktop.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { reportBegins, reportEnds } from '../runner/suiteReport';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(full);
      return entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

export function run(): Promise<void> {
  const files = testFiles(__dirname);
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files under ${__dirname}`));
  return runMochaFiles(files);
}

/** Runs the compiled test files with mocha inside this host; rejects when any test failed. */
export function runMochaFiles(files: string[]): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false, // the output is streamed through the workbench log, not a terminal
    timeout: Number(process.env.SIGNDESK_INTEGRATION_TEST_TIMEOUT_MS ?? 30_000),
  });
  for (const file of files) mocha.addFile(file);
  console.log(reportBegins);
  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  }).finally(() => console.log(reportEnds));
}
