// Text from outside (a URI someone opened, a parameter a server sent) shown in one log line: control
// characters would start forged lines or reorder what the reader sees, so they are written as escapes.

// C0 controls, DEL, C1 controls, line/paragraph separators, bidirectional overrides and isolates.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(char: string): string {
  return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every control character escaped (`\n`, `\r`, `\t`, `\u001b`…); a backslash stays as it is. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escape);
}
