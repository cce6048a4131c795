// A stand-in `vscode` module for timing activate() in plain Node. It implements what activation touches
// for real (configuration defaults, secrets and mementos in memory, event emitters, URIs, disposables)
// and answers anything else with an inert stub, so the figure measures SignDesk's own work, not a host.
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

/**
 * Every runtime name of the real API (read from @types/vscode): esbuild's interop copies a module's own
 * property names, so the fake must list them all, not just answer when asked.
 */
function apiNames(): string[] {
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...dts.matchAll(/^\texport (?:class|enum|namespace|const|let|function) (\w+)/gm)].map((m) => m[1]);
}

type Listener<T> = (value: T) => unknown;

class Disposable {
  constructor(private readonly onDispose: () => unknown = () => undefined) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static parse(value: string): Uri {
    const u = new URL(value);
    return new Uri(u.protocol.replace(/:$/, ''), u.host, decodeURIComponent(u.pathname), u.search.replace(/^\?/, ''), u.hash.replace(/^#/, ''));
  }
  static file(p: string): Uri {
    return new Uri('file', '', p, '', '');
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return base.with({ path: path.posix.join(base.path, ...parts) });
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: Partial<{ scheme: string; authority: string; path: string; query: string; fragment: string }>): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}`;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, path: this.path };
  }
}

/** The tree item API as plain classes, so rendering a tree costs what it costs in a host, not a proxy's price. */
const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 } as const;

class TreeItem {
  [key: string]: unknown;
  constructor(
    public label: unknown,
    public collapsibleState: number = TreeItemCollapsibleState.None,
  ) {}
}

class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class MarkdownString {
  isTrusted?: boolean;
  supportThemeIcons?: boolean;
  constructor(public value = '') {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
}

/** Any other API: callable, constructible, every property another stub; never a thenable. */
function stub(name: string): any {
  const cache = new Map<PropertyKey, any>();
  const target = function () {
    /* stub */
  };
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => 0;
      if (prop === Symbol.iterator) return function* () {
        /* empty */
      };
      if (prop === 'toString' || prop === 'toJSON') return () => name;
      if (prop === 'dispose') return () => undefined;
      if (prop === 'prototype') return target.prototype;
      if (!cache.has(prop)) cache.set(prop, stub(`${name}.${String(prop)}`));
      return cache.get(prop);
    },
    set(_t, prop, value) {
      cache.set(prop, value);
      return true;
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

/** Counts what activation registered, to print next to the time. */
export interface FakeHostCounts {
  commands: number;
  calls: number;
}

export function createFakeVscode(packageJson: any): { api: any; counts: FakeHostCounts } {
  const counts: FakeHostCounts = { commands: 0, calls: 0 };
  const defaults = new Map<string, unknown>();
  for (const [key, spec] of Object.entries<any>(packageJson.contributes?.configuration?.properties ?? {})) defaults.set(key, spec.default);
  const configuration = (section?: string) => ({
    get: (key: string, fallback?: unknown) => {
      const full = section ? `${section}.${key}` : key;
      return defaults.has(full) ? defaults.get(full) : fallback;
    },
    has: (key: string) => defaults.has(section ? `${section}.${key}` : key),
    inspect: () => undefined,
    update: async () => undefined,
  });
  const disposable = () => new Disposable();
  const counted = <T>(value: T) => {
    counts.calls++;
    return value;
  };
  const outputChannel = () =>
    counted(
      Object.assign(stub('outputChannel'), {
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
        append: () => undefined,
        appendLine: () => undefined,
        show: () => undefined,
        dispose: () => undefined,
        logLevel: 2,
        onDidChangeLogLevel: new EventEmitter<number>().event,
      }),
    );
  const base = stub('vscode');
  // A Set: esbuild's interop asks for each name's descriptor, so a list lookup here would cost the bundle being
  // measured time that no real host charges.
  const names = new Set(apiNames());
  const api: any = new Proxy(
    {
      Disposable,
      EventEmitter,
      Uri,
      TreeItem,
      TreeItemCollapsibleState,
      ThemeIcon,
      ThemeColor,
      MarkdownString,
      version: '1.100.0',
      env: Object.assign(stub('env'), { uriScheme: 'vscode', appName: 'Bench', uiKind: 1, asExternalUri: async (u: Uri) => u, openExternal: async () => true }),
      workspace: Object.assign(stub('workspace'), {
        getConfiguration: configuration,
        onDidChangeConfiguration: new EventEmitter<unknown>().event,
        workspaceFolders: undefined,
      }),
      window: Object.assign(stub('window'), {
        createOutputChannel: outputChannel,
        registerUriHandler: () => counted(disposable()),
        createStatusBarItem: () => counted(Object.assign(stub('statusBarItem'), { show: () => undefined, hide: () => undefined, dispose: () => undefined })),
        createTreeView: () =>
          counted(
            Object.assign(stub('treeView'), {
              visible: false,
              onDidChangeVisibility: new EventEmitter<unknown>().event,
              onDidExpandElement: new EventEmitter<unknown>().event,
              onDidCollapseElement: new EventEmitter<unknown>().event,
              dispose: () => undefined,
            }),
          ),
        registerTreeDataProvider: () => counted(disposable()),
        registerWebviewViewProvider: () => counted(disposable()),
      }),
      commands: Object.assign(stub('commands'), {
        registerCommand: () => {
          counts.commands++;
          return disposable();
        },
        executeCommand: async () => undefined,
      }),
      authentication: Object.assign(stub('authentication'), {
        registerAuthenticationProvider: () => counted(disposable()),
        getSession: async () => undefined,
        onDidChangeSessions: new EventEmitter<unknown>().event,
      }),
    },
    {
      get(target: any, prop) {
        return prop in target ? target[prop] : base[prop];
      },
      ownKeys(target: any) {
        return [...new Set([...Reflect.ownKeys(target), ...names])];
      },
      getOwnPropertyDescriptor(target: any, prop) {
        return Reflect.getOwnPropertyDescriptor(target, prop) ?? (names.has(String(prop)) ? { configurable: true, enumerable: true, writable: true, value: base[prop] } : undefined);
      },
    },
  );
  return { api, counts };
}

class Memento {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
  keys(): string[] {
    return [...this.values.keys()];
  }
  setKeysForSync(): void {
    /* nothing to sync */
  }
}

export function createFakeContext(api: any, packageJson: any, extensionPath: string): any {
  const secrets = new Map<string, string>();
  const onDidChange = new api.EventEmitter();
  const extensionUri = api.Uri.file(extensionPath);
  return {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    extensionMode: 1, // Production: no testing API
    extensionUri,
    extensionPath,
    extension: { id: `${packageJson.publisher}.${packageJson.name}`, packageJSON: packageJson, extensionUri, extensionPath },
    globalState: new Memento(),
    workspaceState: new Memento(),
    secrets: {
      get: async (key: string) => secrets.get(key),
      store: async (key: string, value: string) => {
        secrets.set(key, value);
        onDidChange.fire({ key });
      },
      delete: async (key: string) => {
        secrets.delete(key);
        onDidChange.fire({ key });
      },
      onDidChange: onDidChange.event,
    },
    globalStorageUri: api.Uri.file('/tmp/signdesk-bench/global'),
    storageUri: undefined,
    logUri: api.Uri.file('/tmp/signdesk-bench/log'),
    asAbsolutePath: (p: string) => path.join(extensionPath, p),
  };
}

/** Makes `require('vscode')` return `api` until the returned function is called. */
export function interceptVscode(api: unknown): () => void {
  const mod = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = mod._load;
  mod._load = function (request: string, parent: unknown, isMain: boolean) {
    return request === 'vscode' ? api : original.call(this, request, parent, isMain);
  };
  return () => {
    mod._load = original;
  };
}

/**
 * Loads a module of out/src afresh against `api`: the folders that import `vscode` (each module binds it
 * when first loaded) are loaded again; the rest (errors, clients, model) stays shared with the test, so its
 * classes are the same. Leaves the module cache as it was for other test files.
 */
export function loadAgainst<T>(api: unknown, modulePath: string): T {
  const src = path.resolve(__dirname, '..', '..', 'src');
  const bindsVscode = (key: string) => ['commands', 'views', 'runtime'].some((folder) => key.startsWith(path.join(src, folder) + path.sep));
  const saved = Object.entries(require.cache).filter(([key]) => bindsVscode(key));
  for (const [key] of saved) delete require.cache[key];
  const restore = interceptVscode(api);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(modulePath) as T;
  } finally {
    restore();
    for (const key of Object.keys(require.cache)) if (bindsVscode(key)) delete require.cache[key];
    for (const [key, module] of saved) require.cache[key] = module;
  }
}
