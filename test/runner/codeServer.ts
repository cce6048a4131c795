// The VS Code server (from the code-server npm package), installed once into .vscode-test/ and started on
// demand on a free loopback port. See /work/shared/notes/real-vscode-host.md for why this recipe.
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheRoot } from './paths';
import { startServeWebFront } from './serveWebFront';

export const codeServerVersion = '4.100.3';
const installDir = path.join(cacheRoot, `code-server-${codeServerVersion}`);
const vscodeDir = path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode');
const serverMain = path.join(vscodeDir, 'out', 'server-main.js');
const marker = path.join(installDir, '.signdesk-installed');
// The extension host writes LogOutputChannels through spdlog's native module: without it, SignDesk's log
// channel stays empty in this host. Built from source (no prebuilt binary for this Node), once.
const spdlogMarker = path.join(installDir, '.signdesk-spdlog-built');
const lockDir = `${installDir}.lock`;

function log(message: string): void {
  console.log(`[vscode-host] ${message}`);
}

// npm run passes its own configuration down as npm_config_* variables; some of them (prefix, omit, global…)
// would redirect or trim the nested installs below.
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const redirecting = /^npm_config_(local_prefix|prefix|global_prefix|global|omit|include|production|only|dry_run|save|save_dev|workspaces?|ignore_scripts)$/i;
  for (const key of Object.keys(env)) {
    if (redirecting.test(key)) delete env[key];
  }
  return env;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = npmEnv()): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${signal ?? `exit ${code}`}`)),
    );
  });
}

function isInstalled(): boolean {
  return fs.existsSync(marker) && fs.existsSync(spdlogMarker) && fs.existsSync(serverMain);
}

// node-gyp needs Node's headers and cannot download them here; Node packages from Debian/NodeSource ship
// them under <prefix>/include/node, which is what --nodedir wants.
function withNodeHeaders(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  const hasHeaders = fs.existsSync(path.join(prefix, 'include', 'node', 'node_version.h'));
  if (env.npm_config_nodedir || !hasHeaders) return env;
  return { ...env, npm_config_nodedir: prefix };
}

// The server searches files (Quick Open, workspace.findFiles) with ripgrep; its npm package would download
// the binary from GitHub, so Debian's `ripgrep` is linked in instead when present. Optional: without it
// only search features fail.
function linkRipgrep(): void {
  const target = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  if (fs.existsSync(target)) return;
  const system = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'rg')).find((file) => fs.existsSync(file));
  if (!system) {
    log('no ripgrep (rg) on PATH: file search in the workbench will not work (Debian: apt-get install -y ripgrep)');
    return;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.symlinkSync(system, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // a parallel run linked it first
  }
}

async function buildSpdlog(): Promise<void> {
  log('building @vscode/spdlog (native; needs g++, make, python3 and Node headers)');
  try {
    await run('npm', ['rebuild', '@vscode/spdlog'], vscodeDir, { ...withNodeHeaders(npmEnv()), npm_config_jobs: 'max' });
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n` +
        'Install a compiler toolchain (Debian: apt-get install -y build-essential python3) and Node headers (include/node next to node).',
    );
  }
  fs.writeFileSync(spdlogMarker, new Date().toISOString() + '\n');
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Other engineers run tests in the same checkout: only one process may install, the others wait for it.
async function withInstallLock(body: () => Promise<void>): Promise<void> {
  fs.mkdirSync(cacheRoot, { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), { encoding: 'utf8', flag: 'a+' }) || '0');
      if (owner && !pidAlive(owner)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another install of the VS Code server (${lockDir})`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  try {
    await body();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Installs the VS Code server into the cache unless a previous run did; returns its `lib/vscode` dir. */
export async function ensureCodeServer(): Promise<string> {
  if (isInstalled()) {
    linkRipgrep(); // cheap; also upgrades caches made before it was part of the recipe
    log(`reusing cached VS Code server (${path.relative(process.cwd(), installDir) || installDir})`);
    return vscodeDir;
  }
  await withInstallLock(async () => {
    if (isInstalled()) return; // another process finished while we waited
    const started = Date.now();
    if (!fs.existsSync(marker) || !fs.existsSync(serverMain)) {
      log(`installing code-server@${codeServerVersion} into ${installDir} (once; about 300 MB)`);
      fs.rmSync(installDir, { recursive: true, force: true });
      fs.mkdirSync(installDir, { recursive: true });
      fs.writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'signdesk-vscode-host', private: true }, null, 2));
      // Scripts off: code-server's postinstall refuses root and downloads ripgrep from GitHub.
      await run('npm', ['install', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', `code-server@${codeServerVersion}`], installDir);
      await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscodeDir);
      if (!fs.existsSync(serverMain)) throw new Error(`install finished but ${serverMain} is missing`);
      fs.writeFileSync(marker, JSON.stringify({ codeServerVersion, installedAt: new Date().toISOString() }) + '\n');
    }
    if (!fs.existsSync(spdlogMarker)) await buildSpdlog();
    linkRipgrep();
    log(`VS Code server ready in ${Math.round((Date.now() - started) / 1000)} s`);
  });
  return vscodeDir;
}

export interface ServerOptions {
  /** Settings for `<user-data-dir>/User/settings.json`, on top of the test defaults. */
  settings?: Record<string, unknown>;
  /** Persistent dirs (npm start); throwaway temp dirs when omitted. */
  userDataDir?: string;
  serverDataDir?: string;
  extensionsDir?: string;
  /** Extra environment for the server and so for its extension host. */
  env?: Record<string, string>;
  /** Milliseconds to wait until the server answers HTTP. */
  startTimeoutMs?: number;
  /** Print the server's own output (also when SIGNDESK_RUNNER_VERBOSE=1). */
  verbose?: boolean;
  /** Fixed port (npm start); a free one when omitted. */
  port?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  userDataDir: string;
  serverDataDir: string;
  extensionsDir: string;
  /** `vscode-remote://127.0.0.1:PORT/abs/path`: how the web workbench addresses a file on the server. */
  remoteUri(absolutePath: string): string;
  /** Resolves with how the server process ended (it should not end before close()). */
  exited: Promise<string>;
  close(): Promise<void>;
}

// Quiet workbench: no gallery checks, tips or walkthroughs competing with the UI under test.
const defaultSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let existing: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      throw new Error(`${file} is not plain JSON (comments?); fix or delete it`);
    }
  }
  fs.writeFileSync(file, JSON.stringify({ ...existing, ...defaultSettings, ...settings }, null, 2) + '\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = http.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function answersHttp(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 500);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2000, () => {
      request.destroy();
      resolve(false);
    });
  });
}

const liveServers = new Set<ChildProcess>();
// A runner that dies (uncaught error, Ctrl-C) must not leave servers behind.
process.on('exit', () => {
  for (const child of liveServers) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the server and its extension host / file watcher children
  } catch {
    /* already gone */
  }
}

/** Starts the bare VS Code server and resolves once it answers HTTP. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dir = await ensureCodeServer();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-vscode-'));
  const userDataDir = options.userDataDir ?? path.join(temp, 'user-data');
  const serverDataDir = options.serverDataDir ?? path.join(temp, 'server-data');
  const extensionsDir = options.extensionsDir ?? path.join(temp, 'extensions');
  for (const d of [userDataDir, serverDataDir, extensionsDir]) fs.mkdirSync(d, { recursive: true });
  writeUserSettings(userDataDir, options.settings ?? {});

  // server-main listens on a private port; the front (as `code serve-web` has) is what the browser sees.
  const backendPort = await freePort();
  const front = await startServeWebFront(options.port ?? 0, backendPort, userDataDir).catch((error: unknown) => {
    if (!options.userDataDir) fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  });
  const port = front.port;
  const verbose = options.verbose ?? process.env.SIGNDESK_RUNNER_VERBOSE === '1';
  const args = [
    path.join(dir, 'out', 'server-main.js'),
    '--host', '127.0.0.1',
    '--port', String(backendPort),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--user-data-dir', userDataDir,
    '--server-data-dir', serverDataDir,
    '--extensions-dir', extensionsDir,
  ];
  const child = spawn(process.execPath, args, {
    detached: true, // own process group, so close() reaches the extension host too
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveServers.add(child);
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
    if (verbose) process.stdout.write(`[vscode-server] ${chunk.toString()}`);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited: string | undefined;
  const exitedPromise = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = signal ?? `exit ${code}`;
      liveServers.delete(child);
      resolve(`${exited}; last output:\n${output.slice(-2000)}`);
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  const close = async (): Promise<void> => {
    if (exited === undefined) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exitedPromise;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // stragglers of the group (watchers, pty host)
    }
    await front.close();
    if (!options.userDataDir) fs.rmSync(temp, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await answersHttp(url))) {
    if (exited !== undefined || Date.now() > deadline) {
      await close();
      throw new Error(
        `VS Code server did not start (${exited ?? 'no HTTP answer in time'}). Its output:\n${output.slice(-4000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    port,
    userDataDir,
    serverDataDir,
    extensionsDir,
    exited: exitedPromise,
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath.split(path.sep).map(encodeURIComponent).join('/')}`,
    close,
  };
}

/** `server-main.js --install-extension`: the only way an installed .vsix is picked up (copying a folder is not). */
export async function installExtension(vsixPath: string, extensionsDir: string, userDataDir: string, serverDataDir: string): Promise<void> {
  const dir = await ensureCodeServer();
  await run(
    process.execPath,
    [path.join(dir, 'out', 'server-main.js'), '--install-extension', vsixPath, '--force', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--server-data-dir', serverDataDir, '--accept-server-license-terms'],
    dir,
  );
}

// `node out/test/runner/codeServer.js` warms the cache (used by .ci/run and for timing the install).
if (require.main === module) {
  ensureCodeServer().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
