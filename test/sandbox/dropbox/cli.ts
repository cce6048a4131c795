// `npm run sandbox -- --service dropbox [--port N] [--host H] [--callback-url URL] [...]`
// Prints ONE line of JSON (the DropboxSandboxInfo) first, then human-readable help, then serves until stopped.
import { DROPBOX_ADMIN_ENDPOINTS } from './admin';
import { DROPBOX_DEFAULT_PORT, DropboxSandboxOptions, startDropboxSandbox } from './server';
import { parseFlags, runSandboxCli } from '../kit/cli';

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
  const { help } = parseFlags(argv, {
    '--service': (f) => {
      if (f.value() !== 'dropbox') throw new Error('this is the dropbox sandbox');
    },
    '--port': (f) => (opts.port = f.int()),
    '--host': (f) => (opts.host = f.value()),
    '--callback-url': (f) => (opts.callbackUrl = new URL(f.value()).toString()),
    '--expires-in': (f) => (opts.config!.expiresIn = f.int()),
    '--localhost-without-registration': () => (opts.config!.localhostNeedsNoRegistration = true),
    '--no-rate-limit': () => (opts.config!.rateLimit = { enabled: false }),
  });
  return help ? { ...opts, help } : opts;
}

export async function runDropboxSandbox(argv: string[]): Promise<void> {
  await runSandboxCli(
    {
      usage: DROPBOX_USAGE,
      parse: parseDropboxArgs,
      start: startDropboxSandbox,
      describe: (info) => [
          `Dropbox sandbox listening on ${info.baseUrl} (loopback only, state in memory)`,
          `  www (pages)   ${info.oauthBaseUrl}/oauth2/authorize?response_type=code&client_id=${info.clientId}&token_access_type=offline&code_challenge=...&code_challenge_method=S256`,
          `  api           POST ${info.apiBaseUrl}/oauth2/token, POST ${info.apiBaseUrl}/2/files/list_folder …`,
          `  content       POST ${info.contentBaseUrl}/2/files/upload, /2/files/download`,
          `  demo app      app key ${info.clientId} (PKCE: no secret needed; secret ${info.clientSecret})`,
          `                registered redirect URI ${info.callbackUrl}`,
          `  users         ${info.users.join(', ')}   (sign in on the login page with just the email)`,
      ],
      adminEndpoints: DROPBOX_ADMIN_ENDPOINTS,
      readme: 'test/sandbox/dropbox/README.md',
    },
    argv,
  );
}
