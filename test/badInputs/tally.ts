// The bad-input suite's bookkeeping: every case is one input, what SignDesk is expected to do with it,
// and what it did. Loaded with `mocha --require`, so its root hook prints the one summary line
// ("bad inputs: N tried, M failed") after every area has run, followed by each failure's three parts.
import type { Context } from 'mocha';

interface Failure {
  area: string;
  input: string;
  expected: string;
  seen: string;
}

let tried = 0;
const failures: Failure[] = [];

/**
 * One bad input. `check` throws (an assertion) when SignDesk did not do what `expected` says; what it
 * threw is recorded as what was seen. Call it inside a `describe` named after the area.
 */
export function badInput(input: string, expected: string, check: (this: Context) => unknown): void {
  it(`${input} → ${expected}`, async function (this: Context) {
    tried += 1;
    try {
      await check.call(this);
    } catch (error) {
      const area = this.test?.parent?.fullTitle() ?? '';
      failures.push({ area, input, expected, seen: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      throw error;
    }
  });
}

/** Several inputs that share one expectation and one check. */
export function badInputs<T>(cases: readonly (readonly [input: string, value: T])[], expected: string, check: (value: T) => unknown): void {
  for (const [input, value] of cases) badInput(input, expected, () => check(value));
}

export function summary(): string {
  const lines = [`bad inputs: ${tried} tried, ${failures.length} failed`];
  for (const failure of failures) {
    lines.push(`  ✗ [${failure.area}] input: ${failure.input}\n      expected: ${failure.expected}\n      seen: ${failure.seen}`);
  }
  return lines.join('\n');
}

export const mochaHooks = {
  afterAll(): void {
    console.log(`\n${summary()}`);
  },
};
