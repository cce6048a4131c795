// `npm run sandbox -- --service signnow [--port N] [--host H] [--callback-url URL] [--data FILE] [switches]`
// Prints ONE line of JSON (the SignNowSandboxInfo) first, then human-readable help, then serves until stopped.
import { SN_ADMIN_ENDPOINTS } from './admin';
import { SIGNNOW_DEFAULT_PORT, SignNowSandboxOptions, startSignNowSandbox } from './server';
import { SN_SEED_DOCUMENTS } from './seed';

export const SIGNNOW_USAGE = `Usage: npm run sandbox -- --service signnow [options]   (npm run -s … to keep npm's banner off stdout)
  --port N               port (default ${SIGNNOW_DEFAULT_PORT}; 0 = any free port)
  --host H               loopback address (default 127.0.0.1; 127.0.0.2 for VS Code's web host)
  --callback-url URL     the demo app's registered redirect URI (default: <sandbox>/callback)
  --data FILE            persist the state to FILE (JSON; loaded again on the next start)
  --expires-in SECONDS   access token lifetime (default 2592000, 30 days)
  --no-rotate            refresh tokens stay valid after use
  --code-expires-in-lifetime   the code grant's expires_in is a lifetime, not an epoch string
  --any-redirect-uri     /authorize accepts any redirect_uri
  --rate-limit N         answer 429 past N requests a minute per user (default: off)
  --help`;

export function parseSignNowArgs(argv: string[]): SignNowSandboxOptions & { help?: boolean } {
  const opts: SignNowSandboxOptions & { help?: boolean } = { port: SIGNNOW_DEFAULT_PORT, host: '127.0.0.1', config: {} };
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
      case '--callback-url':
        opts.callbackUrl = new URL(value()).toString();
        break;
      case '--data':
        opts.dataFile = value();
        break;
      case '--expires-in':
        opts.config!.expiresIn = int();
        break;
      case '--no-rotate':
        opts.config!.rotateRefreshTokens = false;
        break;
      case '--code-expires-in-lifetime':
        opts.config!.codeGrantExpiresInEpoch = false;
        break;
      case '--any-redirect-uri':
        opts.config!.redirectUriRule = 'any';
        break;
      case '--rate-limit':
        opts.config!.rateLimit = { enabled: true, limit: int() };
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

export async function runSignNowSandbox(argv: string[]): Promise<void> {
  let opts;
  try {
    opts = parseSignNowArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${SIGNNOW_USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${SIGNNOW_USAGE}\n`);
    return;
  }
  const sandbox = await startSignNowSandbox(opts);
  const { info } = sandbox;
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdout.write(
    [
      '',
      `signNow sandbox listening on ${info.baseUrl} (loopback only)${opts.dataFile ? `, state in ${opts.dataFile}` : ', state in memory'}`,
      `  API          ${info.apiBaseUrl}   (signNow's own paths: /oauth2/token, /user, /document/{id}, …; Bearer token)`,
      `  authorize    ${info.oauthBaseUrl}/authorize?client_id=${info.clientId}&response_type=code&redirect_uri=...&state=...`,
      `  token        POST ${info.apiBaseUrl}/oauth2/token   (Authorization: Basic ${info.basicToken})`,
      `  demo app     client id ${info.clientId}, client secret ${info.clientSecret}`,
      `               registered redirect URI ${info.callbackUrl}`,
      `  users        ${info.users.map((u) => `${u.email} / ${u.password}`).join(', ')}`,
      `  documents    ${Object.entries(SN_SEED_DOCUMENTS).map(([k, v]) => `${k}=${v.slice(0, 8)}…`).join(' ')}`,
      '',
      `Admin (${info.adminUrl}):`,
      ...SN_ADMIN_ENDPOINTS.map((l) => `  ${l}`),
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
