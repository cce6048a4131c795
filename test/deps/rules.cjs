// The layer rules of src/ (design.md), checked by `npm run check` with dependency-cruiser.
// Top to bottom: extension.ts → commands/ → views/ → auth/ → providers/ → model/ → core/. Imports point down.
// Known violations are listed by file, each with why; the service-runtime work of issue 11 removes them.

/** Files below the adapters that are VS Code adapters themselves (they implement a vscode interface). */
const VSCODE_ADAPTERS_BELOW = [
  '^src/auth/authProvider\\.ts$', // registers vscode.AuthenticationProvider; to move beside the session commands
];

/** Importers of a provider's internals besides providers/index.ts and the composition root. */
const PROVIDER_IMPORTERS_TO_REMOVE = [
  '^src/auth/dropboxSignAccountSetup\\.ts$', // builds Dropbox Sign's AccountSetupService: belongs in providers/dropboxSign/
  '^src/commands/signInSetup\\.ts$', // builds a second API and OAuth client: belongs in the per-service runtime
  '^src/commands/signInSettings\\.ts$', // reads signdesk.dropboxSign.* settings: belongs in the per-service runtime
];

const layer = (folder, below) => ({
  name: `no-upward-from-${folder}`,
  comment: `${folder}/ imports only layers below it.`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: `^src/(${below.join('|')})(/|\\.ts$)` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-vscode-below-adapters',
      comment: 'core/, model/, providers/ and auth/ stay VS Code-free so plain mocha tests them.',
      severity: 'error',
      from: { path: '^src/(core|model|providers|auth)/', pathNot: VSCODE_ADAPTERS_BELOW },
      to: { path: ['^vscode$', '^node_modules/@types/vscode/'] },
    },
    {
      name: 'provider-internals-only-through-the-list',
      comment: 'A provider folder is imported only by providers/index.ts and the composition root.',
      severity: 'error',
      from: { pathNot: ['^src/providers/', '^src/extension\\.ts$', ...PROVIDER_IMPORTERS_TO_REMOVE] },
      to: { path: '^src/providers/[^/]+/' },
    },
    {
      name: 'providers-stay-apart',
      comment: 'One provider never imports another.',
      severity: 'error',
      from: { path: '^src/providers/([^/]+)/' },
      to: { path: '^src/providers/[^/]+/', pathNot: '^src/providers/$1/' },
    },
    layer('core', ['model', 'providers', 'auth', 'views', 'commands', 'extension']),
    layer('model', ['providers', 'auth', 'views', 'commands', 'extension']),
    layer('providers', ['auth', 'views', 'commands', 'extension']),
    layer('auth', ['views', 'commands', 'extension']),
    layer('views', ['commands', 'extension']),
    layer('commands', ['extension']),
    {
      name: 'no-cycles',
      comment: 'No import cycles, type-only ones included.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/providers/[^/]+/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
