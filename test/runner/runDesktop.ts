// `VSCODE_EXECUTABLE=/path/to/code npm run test:desktop`: the same integration suite on a desktop VS Code,
// through @vscode/test-electron. Nothing is downloaded: these machines cannot reach VS Code's CDN, so the
// caller names an installed VS Code.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { advanceHandoff, handoffEnv, reactivationStages, startHandoff } from '../integration/reactivation/handoff';
import { outDir, repoRoot } from './paths';

async function main(): Promise<number> {
  const executable = process.env.VSCODE_EXECUTABLE;
  if (!executable) {
    console.error(
      'test:desktop needs a desktop VS Code and downloads none: run it as\n' +
        '  VSCODE_EXECUTABLE=/path/to/code npm run test:desktop\n' +
        '(e.g. /usr/share/code/code on Linux, "/Applications/Visual Studio Code.app/Contents/MacOS/Electron" on macOS).',
    );
    return 1;
  }
  if (!fs.existsSync(executable)) {
    console.error(`VSCODE_EXECUTABLE=${executable} does not exist`);
    return 1;
  }
  const extensionTestsPath = path.join(outDir, 'test', 'integration', 'index.js');
  const reactivationPath = path.join(outDir, 'test', 'integration', 'reactivation', 'index.js');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-desktop-workspace-'));
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-desktop-user-'));
  const handoffFile = path.join(userData, 'signdesk-reactivation-handoff.json');
  // Linux machines without a keyring: VS Code's own basic encryption, so secrets outlive a restart.
  const launchArgs = [workspace, '--disable-extensions', '--user-data-dir', userData, ...(process.platform === 'linux' ? ['--password-store=basic'] : [])];
  const run = (testsPath: string): Promise<number> =>
    runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsPath,
      extensionTestsEnv: { [handoffEnv]: handoffFile },
      launchArgs,
    });
  try {
    let code = await run(extensionTestsPath);
    // Reactivation: VS Code quits after each run and starts again on the same user data (its secrets).
    startHandoff(handoffFile);
    for (const stage of reactivationStages) {
      advanceHandoff(handoffFile, stage);
      console.log(`[runner] reactivation stage "${stage}": starting VS Code again`);
      const stageCode = await run(reactivationPath);
      code ||= stageCode;
      if (stageCode !== 0) break; // the next stage builds on this one
    }
    return code;
  } catch (error) {
    console.error(`desktop integration run failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
