// `npm start`: packages SignDesk, installs the .vsix into a local VS Code server (persistent profile under
// .vscode-test/start), starts the Dropbox Sign and Dropbox sandboxes with SignDesk's settings pointing at them
// (the same settings every e2e test starts from), and prints the URL to open in a browser. Runs until Ctrl-C.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startDropboxSandbox, type DropboxSandbox } from '../sandbox/dropbox/server';
import { DEFAULT_PORT as SANDBOX_PORT, startSandbox, type Sandbox } from '../sandbox/dropboxSign/server';
import { startSignNowSandbox, type SignNowSandbox } from '../sandbox/signNow/server';
import { installExtension, startServer, writeUserSettings } from './codeServer';
import { cacheRoot, repoRoot } from './paths';
import { preparePlayground, SAMPLE_DOCUMENT } from './playground';
import { SANDBOX_HOST, signDeskSandboxSettings } from './sandboxSettings';

const startDir = path.join(cacheRoot, 'start');
export const startDirs = {
  userData: path.join(startDir, 'user-data'),
  serverData: path.join(startDir, 'server-data'),
  extensions: path.join(startDir, 'extensions'),
  // The folder the workbench opens. Inside the repo (it used to be .vscode-test/start/workspace), VS Code's
  // Git asked whether to open the "parent repository", and the repo's own tooling configs reached into it.
  // Outside the repo that question has nothing to find, unless the home directory is itself a Git repo
  // (dotfiles), which the Git setting written below covers too.
  workspace: path.join(os.homedir(), '.signdesk-playground'),
};
const serverPort = Number(process.env.SIGNDESK_START_PORT ?? 8720);
/** Beside the Dropbox Sign sandbox (8719) and the VS Code server (8720). */
const DROPBOX_SANDBOX_PORT = 8721;
/** After the Dropbox sandbox (the signNow sandbox's own default, 8720, is the VS Code server's here). */
const SIGNNOW_SANDBOX_PORT = 8722;

/** Everything `npm start` writes into the profile's User/settings.json. */
export function startSettings(sandbox: Sandbox['info'], dropbox?: DropboxSandbox['info'], signNow?: SignNowSandbox['info']): Record<string, unknown> {
  return {
    ...signDeskSandboxSettings(sandbox, dropbox, signNow),
    // Never offer a repository from a folder above the playground (see startDirs.workspace).
    'git.openRepositoryInParentFolders': 'never',
  };
}

function npm(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm ${args.join(' ')} failed (exit ${code})`))));
  });
}

async function listenWithFallback<T>(start: (port: number) => Promise<T>, port: number, what: string): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' && !String(error).includes('EADDRINUSE')) throw error;
    console.log(`${what}: port ${port} is busy, using a free one`);
    return start(0);
  }
}

async function main(): Promise<void> {
  await npm(['run', 'package']);
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);

  for (const dir of Object.values(startDirs)) fs.mkdirSync(dir, { recursive: true });
  preparePlayground(startDirs.workspace);

  fs.mkdirSync(path.join(repoRoot, '.sandbox-data'), { recursive: true });
  const sandbox: Sandbox = await listenWithFallback(
    (port) => startSandbox({ host: SANDBOX_HOST, port, dataFile: path.join(repoRoot, '.sandbox-data', 'start.json') }),
    SANDBOX_PORT,
    'sandbox',
  );
  // Dropbox's demo app has the Dropbox Sign sandbox's relay page registered: one relay for both services.
  const dropbox: DropboxSandbox = await listenWithFallback(
    (port) => startDropboxSandbox({ host: SANDBOX_HOST, port, callbackUrl: sandbox.info.callbackUrl }),
    DROPBOX_SANDBOX_PORT,
    'Dropbox sandbox',
  );
  // signNow's demo app has the same relay page registered.
  const signNow: SignNowSandbox = await listenWithFallback(
    (port) =>
      startSignNowSandbox({ host: SANDBOX_HOST, port, callbackUrl: sandbox.info.callbackUrl, dataFile: path.join(repoRoot, '.sandbox-data', 'start-signnow.json') }),
    SIGNNOW_SANDBOX_PORT,
    'signNow sandbox',
  );
  writeUserSettings(startDirs.userData, startSettings(sandbox.info, dropbox.info, signNow.info));

  await installExtension(vsix, startDirs.extensions, startDirs.userData, startDirs.serverData);
  const server = await listenWithFallback(
    (port) =>
      startServer({
        userDataDir: startDirs.userData,
        serverDataDir: startDirs.serverData,
        extensionsDir: startDirs.extensions,
        port: port || undefined,
        startTimeoutMs: 120_000,
      }),
    serverPort,
    'VS Code server',
  );

  const url = `${server.url}/?${new URLSearchParams({ folder: startDirs.workspace }).toString()}`;
  const { info } = sandbox;
  console.log(`
SignDesk ${pkg.version} is installed in a local VS Code server (profile: ${path.relative(repoRoot, startDir)}).

  Open in your browser:  ${url}
  Playground folder:     ${startDirs.workspace}

Then, in that page (F1 opens the command palette; type the command's name, Enter):
  1. "SignDesk: Configure Dropbox Sign App": keep the client ID, paste the client secret below, leave the
     API key empty; close the dialog naming the callback URL (the sandbox has it registered already).
  2. "SignDesk: Sign In", pick "Dropbox Sign": Open the sandbox's page and accept as one of the users.
  3. Right-click "${SAMPLE_DOCUMENT}" in the Explorer → "Send for Signature…" to send a test request.

Dropbox Sign sandbox (fake; state kept in .sandbox-data/start.json):
  API            ${info.apiBaseUrl}
  OAuth          ${info.oauthBaseUrl}
  admin          ${info.adminUrl}
  client ID      ${info.clientId}        (already in the settings)
  client secret  ${info.clientSecret}    (for "SignDesk: Configure Dropbox Sign App")
  API key        ${info.apiKey}          (optional: lets Sign In check the account for an email first)
  callback URL   ${info.callbackUrl}    (registered for the demo app; SignDesk's relay mode is set to it)
  users          ${info.users.join(', ')}

Dropbox sandbox (fake; PKCE, so no secret to paste):
  www / api / content  ${dropbox.info.oauthBaseUrl}  ${dropbox.info.apiBaseUrl}  ${dropbox.info.contentBaseUrl}
  admin          ${dropbox.info.adminUrl}
  app key        ${dropbox.info.clientId}        (already in the settings)
  callback URL   ${dropbox.info.callbackUrl}    (the same relay page)
  users          ${dropbox.info.users.join(', ')}
Run "SignDesk: Sign In" and pick Dropbox, or use the Dropbox view's Sign In.

signNow sandbox (fake; state kept in .sandbox-data/start-signnow.json):
  API / app      ${signNow.info.apiBaseUrl}  ${signNow.info.oauthBaseUrl}
  admin          ${signNow.info.adminUrl}
  client ID      ${signNow.info.clientId}        (already in the settings)
  client secret  ${signNow.info.clientSecret}    (for "SignDesk: Configure signNow App")
  callback URL   ${signNow.info.callbackUrl}    (the same relay page; signNow's redirect setting is relay)
  users          ${signNow.info.users.map((u) => `${u.email} / ${u.password}`).join(', ')}
Then run "SignDesk: Sign In to signNow".

The sandboxes listen on ${SANDBOX_HOST} (a loopback address: on Linux it works as is; on macOS run
\`sudo ifconfig lo0 alias ${SANDBOX_HOST} up\` once). Ctrl-C stops the server and the sandboxes.`);

  let stopping = false;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    void server.exited.then((how) => {
      if (!stopping) console.error(`VS Code server stopped on its own: ${how}`);
      resolve();
    });
  });
  stopping = true;
  console.log('\nstopping…');
  await server.close();
  await Promise.all([sandbox.close(), dropbox.close(), signNow.close()]);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
