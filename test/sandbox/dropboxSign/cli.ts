// `npm run sandbox -- [--service dropboxSign] [--port N] [--host H] [--data FILE] [--callback-url URL] [...]`
// Prints ONE line of JSON (the SandboxInfo) first, then human-readable help, then serves until stopped.
import { ADMIN_ENDPOINTS } from './admin';
import { DEFAULT_HOST, DEFAULT_PORT, SandboxOptions, startSandbox } from './server';
import { SEED_REQUESTS } from './seed';
import { parseFlags, runSandboxCli } from '../kit/cli';

export const USAGE = `Usage: npm run sandbox -- [--service dropboxSign] [options]   (npm run -s … to keep npm's banner off stdout)
  --port N               port (default ${DEFAULT_PORT}; 0 = any free port)
  --host H               loopback address (default ${DEFAULT_HOST}; use 127.0.0.2 for VS Code's web host,
                         which rewrites 127.0.0.1/localhost URLs opened with openExternal)
  --data FILE            persist the state to FILE (JSON; loaded again on the next start)
  --callback-url URL     the demo app's registered OAuth callback URL (default: <sandbox>/relay/)
  --expires-in SECONDS   access token lifetime (default 3600)
  --no-rotate            refresh tokens do not rotate
  --timed MS             timed mode: signers view/sign every MS milliseconds
  --no-rate-limit        do not enforce rate limits (headers are still sent)
  --help`;

export function parseArgs(argv: string[]): SandboxOptions & { help?: boolean } {
  const opts: SandboxOptions & { help?: boolean } = { port: DEFAULT_PORT, host: DEFAULT_HOST, config: {} };
  const { help } = parseFlags(argv, {
    '--port': (f) => (opts.port = f.int()),
    '--host': (f) => (opts.host = f.value()),
    '--data': (f) => (opts.dataFile = f.value()),
    '--callback-url': (f) => (opts.callbackUrl = new URL(f.value()).toString()),
    '--expires-in': (f) => (opts.config!.expiresIn = f.int()),
    '--no-rotate': () => (opts.config!.rotateRefreshTokens = false),
    '--timed': (f) => (opts.timedIntervalMs = f.int()),
    '--no-rate-limit': () => (opts.config!.rateLimits = { enabled: false }),
  });
  return help ? { ...opts, help } : opts;
}

/** Runs the Dropbox Sign sandbox from command-line flags until SIGINT/SIGTERM. */
export async function runDropboxSignSandbox(argv: string[]): Promise<void> {
  await runSandboxCli(
    {
      usage: USAGE,
      parse: parseArgs,
      start: startSandbox,
      describe: (info, opts) => [
          `Dropbox Sign sandbox listening on ${info.baseUrl} (loopback only)${opts.dataFile ? `, state in ${opts.dataFile}` : ', state in memory'}`,
          `  API          ${info.apiBaseUrl}   (Basic: API key as username; or Bearer access token)`,
          `  OAuth        ${info.oauthBaseUrl}/oauth/authorize?response_type=code&client_id=${info.clientId}&state=...`,
          `  token        POST ${info.oauthBaseUrl}/oauth/token   (refresh: POST ${info.oauthBaseUrl}/oauth/token?refresh)`,
          `  relay page   ${info.relayUrl}`,
          `  demo app     client id ${info.clientId}, client secret ${info.clientSecret}, API key ${info.apiKey}`,
          `               registered callback ${info.callbackUrl}`,
          `  other app    client id ${info.otherApp.clientId} (its requests are invisible to the demo app's tokens)`,
          `  users        ${info.users.join(', ')}   (sign in on the login page with just the email)`,
          `  demo requests: ${Object.entries(SEED_REQUESTS).map(([k, v]) => `${k}=${v.slice(0, 8)}…`).join(' ')}`,
      ],
      adminEndpoints: ADMIN_ENDPOINTS,
      readme: 'test/sandbox/README.md',
    },
    argv,
  );
}
