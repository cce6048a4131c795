// The value of a setting that decides where tokens, codes or the client secret are sent: only user
// settings (local or remote, or a policy) and the default count, never a workspace's. package.json makes
// those settings application-scoped, so VS Code already drops them from a workspace's settings (a cloned
// repository's .vscode/settings.json); picking the level ourselves keeps that true even where an editor
// did not. VS Code-free: the adapter passes WorkspaceConfiguration.inspect()'s result.

/** The levels of WorkspaceConfiguration.inspect() that matter here. */
export interface SettingLevels {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** The user-level value, else the default; workspace and folder values are ignored. */
export function userLevelValue(levels: SettingLevels | undefined): unknown {
  return levels?.globalValue ?? levels?.defaultValue;
}
