// `npm run sandbox -- --service dropbox [--port N] [--host H] [--callback-url URL] [...]`
// Prints ONE line of JSON (the DropboxSandboxInfo) first, then human-readable help, then serves until stopped.
import { DROPBOX_ADMIN_ENDPOINTS } from './admin';
import { DROPBOX_DEFAULT_PORT, DropboxSandboxOptions, startDropboxSandbox } from './server';

export const DROPBOX_USAGE = `Usage: npm run sandbox -- --service dropbox [options]   (npm run -s … keeps npm's banner off stdout)
  --port N                          port (default ${DROPBOX_DEFAULT_PORT}; 0 = any free port)
  --host H                          loopback address (default 127.0.0.1)
  --callback-url URL                the demo app's registered redirect URI (default: <sandbox>/callback)
  --expires-in SECONDS              access token lifetime (default 14400, as Dropbox)
  --localhost-without-registration  any http(s)://localhost or 127.0.0.1 redirect URI is accepted unregistered
                                    (the SDK docstrings' reading; the default is the HTTP docs' exact match)
  --no-rate-limit                   do not answer 429 for too many calls
  --help`;

export function parseDropboxArgs(argv: string[]): DropboxSandboxOptions & { help?: boolean } {
  const opts: DropboxSandboxOptions & { help?: boolean } = { port: DROPBOX_DEFAULT_PORT, config: {} };
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
      case '--service':
        if (value() !== 'dropbox') throw new Error('this is the dropbox sandbox');
        break;
      case '--port':
        opts.port = int();
        break;
      case '--host':
        opts.host = value();
        break;
      case '--callback-url':
        opts.callbackUrl = new URL(value()).toString();
        break;
      case '--expires-in':
        opts.config!.expiresIn = int();
        break;
      case '--localhost-without-registration':
        opts.config!.localhostNeedsNoRegistration = true;
        break;
      case '--no-rate-limit':
        opts.config!.rateLimit = { enabled: false };
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

export async function runDropboxSandbox(argv: string[]): Promise<void> {
  let opts;
  try {
    opts = parseDropboxArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${DROPBOX_USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${DROPBOX_USAGE}\n`);
    return;
  }
  const sandbox = await startDropboxSandbox(opts);
  const { info } = sandbox;
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdout.write(
    [
      '',
      `Dropbox sandbox listening on ${info.baseUrl} (loopback only, state in memory)`,
      `  www (pages)   ${info.oauthBaseUrl}/oauth2/authorize?response_type=code&client_id=${info.clientId}&token_access_type=offline&code_challenge=...&code_challenge_method=S256`,
      `  api           POST ${info.apiBaseUrl}/oauth2/token, POST ${info.apiBaseUrl}/2/files/list_folder …`,
      `  content       POST ${info.contentBaseUrl}/2/files/upload, /2/files/download`,
      `  demo app      app key ${info.clientId} (PKCE: no secret needed; secret ${info.clientSecret})`,
      `                registered redirect URI ${info.callbackUrl}`,
      `  users         ${info.users.join(', ')}   (sign in on the login page with just the email)`,
      '',
      `Admin (${info.adminUrl}):`,
      ...DROPBOX_ADMIN_ENDPOINTS.map((l) => `  ${l}`),
      '',
      'Details: test/sandbox/dropbox/README.md. Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    sandbox.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
