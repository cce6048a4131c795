// `npm run sandbox -- --service signnow [--port N] [--host H] [--callback-url URL] [--data FILE] [switches]`
// Prints ONE line of JSON (the SignNowSandboxInfo) first, then human-readable help, then serves until stopped.
import { SN_ADMIN_ENDPOINTS } from './admin';
import { SIGNNOW_DEFAULT_PORT, SignNowSandboxOptions, startSignNowSandbox } from './server';
import { SN_SEED_DOCUMENTS } from './seed';
import { parseFlags, runSandboxCli } from '../kit/cli';

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
  const { help } = parseFlags(argv, {
    '--port': (f) => (opts.port = f.int()),
    '--host': (f) => (opts.host = f.value()),
    '--callback-url': (f) => (opts.callbackUrl = new URL(f.value()).toString()),
    '--data': (f) => (opts.dataFile = f.value()),
    '--expires-in': (f) => (opts.config!.expiresIn = f.int()),
    '--no-rotate': () => (opts.config!.rotateRefreshTokens = false),
    '--code-expires-in-lifetime': () => (opts.config!.codeGrantExpiresInEpoch = false),
    '--any-redirect-uri': () => (opts.config!.redirectUriRule = 'any'),
    '--rate-limit': (f) => (opts.config!.rateLimit = { enabled: true, limit: f.int() }),
  });
  return help ? { ...opts, help } : opts;
}

export async function runSignNowSandbox(argv: string[]): Promise<void> {
  await runSandboxCli(
    {
      usage: SIGNNOW_USAGE,
      parse: parseSignNowArgs,
      start: startSignNowSandbox,
      describe: (info, opts) => [
          `signNow sandbox listening on ${info.baseUrl} (loopback only)${opts.dataFile ? `, state in ${opts.dataFile}` : ', state in memory'}`,
          `  API          ${info.apiBaseUrl}   (signNow's own paths: /oauth2/token, /user, /document/{id}, …; Bearer token)`,
          `  authorize    ${info.oauthBaseUrl}/authorize?client_id=${info.clientId}&response_type=code&redirect_uri=...&state=...`,
          `  token        POST ${info.apiBaseUrl}/oauth2/token   (Authorization: Basic ${info.basicToken})`,
          `  demo app     client id ${info.clientId}, client secret ${info.clientSecret}`,
          `               registered redirect URI ${info.callbackUrl}`,
          `  users        ${info.users.map((u) => `${u.email} / ${u.password}`).join(', ')}`,
          `  documents    ${Object.entries(SN_SEED_DOCUMENTS).map(([k, v]) => `${k}=${v.slice(0, 8)}…`).join(' ')}`,
      ],
      adminEndpoints: SN_ADMIN_ENDPOINTS,
      readme: 'test/sandbox/README.md',
    },
    argv,
  );
}
