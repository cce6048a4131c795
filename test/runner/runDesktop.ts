// `VSCODE_EXECUTABLE=/path/to/code npm run test:desktop`: the same integration suite on a desktop VS Code,
// through @vscode/test-electron. Nothing is downloaded: these machines cannot reach VS Code's CDN, so the
// caller names an installed VS Code.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
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
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-desktop-workspace-'));
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-desktop-user-'));
  try {
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userData],
    });
  } catch (error) {
    console.error(`desktop integration run failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
