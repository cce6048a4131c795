// `npm start`: packages SignDesk, installs the .vsix into a local VS Code server (persistent profile under
// .vscode-test/start), starts the Dropbox Sign sandbox on 127.0.0.2 with SignDesk's settings pointing at it,
// and prints the URL to open in a browser. Runs until Ctrl-C.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_PORT as SANDBOX_PORT, startSandbox, type Sandbox } from '../sandbox/server';
import { installExtension, startServer, writeUserSettings } from './codeServer';
import { cacheRoot, repoRoot } from './paths';

const startDir = path.join(cacheRoot, 'start');
const dirs = {
  userData: path.join(startDir, 'user-data'),
  serverData: path.join(startDir, 'server-data'),
  extensions: path.join(startDir, 'extensions'),
  workspace: path.join(startDir, 'workspace'),
};
// 127.0.0.2, not 127.0.0.1: the web workbench rewrites 127.0.0.1/localhost URLs opened with openExternal
// to its own /proxy/ path, so the OAuth consent page would never load (shared/notes/real-vscode-host.md).
const sandboxHost = '127.0.0.2';
const serverPort = Number(process.env.SIGNDESK_START_PORT ?? 8720);

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

  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const readme = path.join(dirs.workspace, 'README.md');
  if (!fs.existsSync(readme)) fs.writeFileSync(readme, '# SignDesk playground\n\nA workspace for trying SignDesk against the local Dropbox Sign sandbox.\n');

  fs.mkdirSync(path.join(repoRoot, '.sandbox-data'), { recursive: true });
  const sandbox: Sandbox = await listenWithFallback(
    (port) => startSandbox({ host: sandboxHost, port, dataFile: path.join(repoRoot, '.sandbox-data', 'start.json') }),
    SANDBOX_PORT,
    'sandbox',
  );
  writeUserSettings(dirs.userData, {
    'signdesk.dropboxSign.apiBaseUrl': sandbox.info.apiBaseUrl,
    'signdesk.dropboxSign.oauthBaseUrl': sandbox.info.oauthBaseUrl,
    'signdesk.dropboxSign.clientId': sandbox.info.clientId,
  });

  await installExtension(vsix, dirs.extensions, dirs.userData, dirs.serverData);
  const server = await listenWithFallback(
    (port) =>
      startServer({
        userDataDir: dirs.userData,
        serverDataDir: dirs.serverData,
        extensionsDir: dirs.extensions,
        port: port || undefined,
        startTimeoutMs: 120_000,
      }),
    serverPort,
    'VS Code server',
  );

  const url = `${server.url}/?${new URLSearchParams({ folder: dirs.workspace }).toString()}`;
  const { info } = sandbox;
  console.log(`
SignDesk ${pkg.version} is installed in a local VS Code server (profile: ${path.relative(repoRoot, startDir)}).

  Open in your browser:  ${url}

Dropbox Sign sandbox (fake; state kept in .sandbox-data/start.json):
  API            ${info.apiBaseUrl}
  OAuth          ${info.oauthBaseUrl}
  admin          ${info.adminUrl}
  client ID      ${info.clientId}        (already in the settings)
  client secret  ${info.clientSecret}    (for "SignDesk: Configure Dropbox Sign App")
  API key        ${info.apiKey}
  callback URL   ${info.callbackUrl}
  users          ${info.users.join(', ')}

The sandbox listens on ${sandboxHost} (a loopback address: on Linux it works as is; on macOS run
\`sudo ifconfig lo0 alias 127.0.0.2 up\` once). Ctrl-C stops both.`);

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
  await sandbox.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
