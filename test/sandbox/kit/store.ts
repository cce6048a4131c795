// Persists a sandbox's whole state as one JSON file (`--data FILE`), written atomically.
import * as fs from 'fs';
import * as path from 'path';

export class JsonFile<T> {
  /** `file` undefined: nothing is read or written (state in memory only). */
  constructor(readonly file: string | undefined) {}

  /** Writes the value (write + rename, so a crash never leaves half a file). */
  save(value: T): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
    fs.renameSync(tmp, this.file);
  }

  /** The saved value, undefined when there is no file yet; throws when `isValid` rejects what was read. */
  load(isValid: (value: unknown) => boolean): T | undefined {
    if (!this.file || !fs.existsSync(this.file)) return undefined;
    const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
    if (!isValid(parsed)) throw new Error(`${this.file} is not a sandbox data file`);
    return parsed as T;
  }
}

