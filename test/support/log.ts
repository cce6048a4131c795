// The one recording logger of the tests: every line with its level, for assertions on what was logged.
import type { Logger } from '../../src/core/log';

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  trace(message: string): void {
    this.lines.push(`trace ${message}`);
  }
  debug(message: string): void {
    this.lines.push(`debug ${message}`);
  }
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string, error?: unknown): void {
    this.lines.push(`warn ${message}${error ? `: ${String(error)}` : ''}`);
  }
  error(message: string, error?: unknown): void {
    this.lines.push(`error ${message}${error ? `: ${String(error)}` : ''}`);
  }
  text(): string {
    return this.lines.join('\n');
  }
}
