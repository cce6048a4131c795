// `npm run sandbox -- [--service dropboxSign] [--port N] [--host H] [--data FILE] [--callback-url URL] [...]`
// Prints ONE line of JSON (the SandboxInfo) first, then human-readable help, then serves until stopped.
import { ADMIN_ENDPOINTS } from './admin';
import { DEFAULT_HOST, DEFAULT_PORT, SandboxOptions, startSandbox } from './server';
import { SEED_REQUESTS } from './seed';

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
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number`);
      return n;
    };
    switch (flag) {
      case '--port':
        opts.port = int();
        break;
      case '--host':
        opts.host = value();
        break;
      case '--data':
        opts.dataFile = value();
        break;
      case '--callback-url':
        opts.callbackUrl = new URL(value()).toString();
        break;
      case '--expires-in':
        opts.config!.expiresIn = int();
        break;
      case '--no-rotate':
        opts.config!.rotateRefreshTokens = false;
        break;
      case '--timed':
        opts.timedIntervalMs = int();
        break;
      case '--no-rate-limit':
        opts.config!.rateLimits = { enabled: false };
        break;
      case '--help':
      case '-h':
        opts.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return opts;
}

/** Runs the Dropbox Sign sandbox from command-line flags until SIGINT/SIGTERM. */
export async function runDropboxSignSandbox(argv: string[]): Promise<void> {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sandbox = await startSandbox(opts);
  const { info } = sandbox;
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdout.write(
    [
      '',
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
      '',
      `Admin (${info.adminUrl}):`,
      ...ADMIN_ENDPOINTS.map((l) => `  ${l}`),
      '',
      'Details: test/sandbox/README.md. Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    sandbox.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
