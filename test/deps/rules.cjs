// The layer rules of src/ (design.md), checked by `npm run check` with dependency-cruiser.
// Top to bottom: extension.ts → commands/ → views/ → runtime/ → auth/ → providers/ → model/ → core/.
// Imports point down. runtime/ is the adapter level that builds one runtime per service from the service
// list (providers/index.ts); above it nothing names a provider, below it nothing imports vscode.

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
      from: { path: '^src/(core|model|providers|auth)/' },
      to: { path: ['^vscode$', '^node_modules/@types/vscode/'] },
    },
    {
      name: 'provider-internals-only-through-the-list',
      comment: 'A provider folder is imported only by providers/index.ts (the service list): everyone else gets a runtime.',
      severity: 'error',
      from: { pathNot: '^src/providers/' },
      to: { path: '^src/providers/[^/]+/' },
    },
    {
      name: 'service-list-only-at-the-root',
      comment: 'The service list is read by the composition root, which hands it to the runtime builder.',
      severity: 'error',
      from: { pathNot: ['^src/extension\\.ts$', '^src/runtime/', '^src/providers/'] },
      to: { path: '^src/providers/index\\.ts$' },
    },
    {
      name: 'providers-stay-apart',
      comment: 'One provider never imports another.',
      severity: 'error',
      from: { path: '^src/providers/([^/]+)/' },
      to: { path: '^src/providers/[^/]+/', pathNot: '^src/providers/$1/' },
    },
    layer('core', ['model', 'providers', 'auth', 'runtime', 'views', 'commands', 'extension']),
    layer('model', ['providers', 'auth', 'runtime', 'views', 'commands', 'extension']),
    layer('providers', ['auth', 'runtime', 'views', 'commands', 'extension']),
    layer('auth', ['runtime', 'views', 'commands', 'extension']),
    layer('runtime', ['views', 'commands', 'extension']),
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
