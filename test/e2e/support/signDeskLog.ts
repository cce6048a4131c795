// SignDesk's log channel as the extension host wrote it to disk (spdlog files under the server's dirs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fixture } from './fixture';

/** Every file the extension host wrote for SignDesk's log channel. */
export function signDeskLogFiles(fixture: Fixture): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/SignDesk\.log$/.test(entry.name)) found.push(full);
    }
  };
  walk(fixture.server.serverDataDir);
  walk(fixture.server.userDataDir);
  return found;
}

/** Those files' text, concatenated ('' while there are none). */
export function signDeskLog(fixture: Fixture): string {
  return signDeskLogFiles(fixture).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}
