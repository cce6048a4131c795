// The command line every sandbox shares: flags (`--flag value` or `--flag=value`, `--help`/`-h`), and the run
// that prints ONE line of JSON (the sandbox's info) first, then human-readable help, then serves until
// SIGINT/SIGTERM. A service's cli.ts gives its usage text, its flags and its own lines of help.

/** What a flag's handler can read: its value as given, or as a whole number ≥ 0. */
export interface FlagValue {
  value(): string;
  int(): number;
}

/** Handlers by flag name; each applies its flag to the options being built. */
export type FlagHandlers = Record<string, (flag: FlagValue) => void>;

/** Applies argv to the handlers; throws a one-line message for an unknown flag or a missing or bad value. */
export function parseFlags(argv: string[], handlers: FlagHandlers): { help: boolean } {
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number`);
      return n;
    };
    if (flag === '--help' || flag === '-h') {
      help = true;
      continue;
    }
    const handler = Object.prototype.hasOwnProperty.call(handlers, flag) ? handlers[flag] : undefined;
    if (!handler) throw new Error(`unknown option ${arg}`);
    handler({ value, int });
  }
  return { help };
}

export interface SandboxCli<Options, Info extends { adminUrl: string }> {
  usage: string;
  parse(argv: string[]): Options & { help?: boolean };
  start(options: NoInfer<Options>): Promise<{ info: Info; close(): Promise<void> }>;
  /** The lines after the JSON line and a blank one: where the sandbox listens and what it holds. */
  describe(info: Info, options: NoInfer<Options>): string[];
  /** The admin endpoints' help lines. */
  adminEndpoints: readonly string[];
  /** The README that explains the sandbox, repo-relative. */
  readme: string;
}

/** Runs a sandbox from command-line flags until SIGINT/SIGTERM (exit 2 on bad flags, with the usage). */
export async function runSandboxCli<Options, Info extends { adminUrl: string }>(cli: SandboxCli<Options, Info>, argv: string[]): Promise<void> {
  let options;
  try {
    options = cli.parse(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${cli.usage}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${cli.usage}\n`);
    return;
  }
  const sandbox = await cli.start(options);
  const { info } = sandbox;
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdout.write(
    [
      '',
      ...cli.describe(info, options),
      '',
      `Admin (${info.adminUrl}):`,
      ...cli.adminEndpoints.map((l) => `  ${l}`),
      '',
      `Details: ${cli.readme}. Stop with Ctrl+C.`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
