// The one fake globalState (Memento) of the tests: values are stored as copies, as VS Code stores JSON.
import type { MementoLike } from '../../src/auth/sessionSelection';

/** One globalState that every window sees at once (VS Code keeps it in step across windows and tabs). */
export class FakeMemento implements MementoLike {
  readonly values: Map<string, unknown>;
  failUpdates = false;

  constructor(initial: Iterable<[string, unknown]> = []) {
    this.values = new Map(initial);
  }

  get<T>(key: string): T | undefined {
    const value = this.values.get(key);
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as T);
  }

  async update(key: string, value: unknown): Promise<void> {
    if (this.failUpdates) throw new Error('storage is closed');
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}
