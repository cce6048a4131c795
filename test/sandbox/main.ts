// `npm run sandbox -- [--service dropboxSign|dropbox|signnow] [service flags]`: starts one service's sandbox.
// The service's CLI prints ONE line of JSON (its info) first, then human-readable help.
import { runDropboxSignSandbox } from './dropboxSign/cli';
import { runDropboxSandbox } from './dropbox/cli';
import { runSignNowSandbox } from './signNow/cli';

/** Sandboxes by the `--service` value (case and dashes ignored); the first is the default. */
const SERVICES: Record<string, (argv: string[]) => Promise<void>> = {
  dropboxsign: runDropboxSignSandbox,
  dropbox: runDropboxSandbox,
  signnow: runSignNowSandbox,
};

export const DEFAULT_SERVICE = 'dropboxsign';

/** Takes `--service X` / `--service=X` out of argv; the rest goes to that service's CLI. */
export function pickService(argv: string[]): { service: string; rest: string[] } {
  const rest: string[] = [];
  let service = DEFAULT_SERVICE;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--service' || arg.startsWith('--service=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) throw new Error('--service needs a value');
      service = value.toLowerCase().replace(/[-_\s]/g, '');
      continue;
    }
    rest.push(arg);
  }
  if (!SERVICES[service]) throw new Error(`unknown service ${service} (known: ${Object.keys(SERVICES).join(', ')})`);
  return { service, rest };
}

async function main(): Promise<void> {
  let picked;
  try {
    picked = pickService(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`sandbox: ${(e as Error).message}\n`);
    process.exit(2);
  }
  await SERVICES[picked.service](picked.rest);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`sandbox: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
