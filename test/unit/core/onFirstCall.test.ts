import assert from 'node:assert/strict';
import { deferredMethods, onFirstCall } from '../../../src/core/onFirstCall';

interface Counter {
  add(n: number): Promise<number>;
  total(): number;
  reset?(): void;
}

class RealCounter implements Counter {
  private sum = 0;
  async add(n: number): Promise<number> {
    this.sum += n;
    return this.sum;
  }
  total(): number {
    return this.sum;
  }
}

describe('building a client on its first use (core/onFirstCall)', () => {
  it('onFirstCall builds once, on the first call, and hands back the same value after', () => {
    let builds = 0;
    const get = onFirstCall(() => ({ built: ++builds }));
    assert.equal(builds, 0);
    const first = get();
    assert.equal(get(), first);
    assert.equal(builds, 1);
  });

  it('deferredMethods builds nothing until a method is called, then forwards every call to one real client (as `this`)', async () => {
    let builds = 0;
    const counter = deferredMethods<Counter>(() => (builds++, new RealCounter()), { add: true, total: true });
    assert.equal(typeof counter.add, 'function');
    assert.equal(counter.reset, undefined, 'an optional method not listed stays absent (callers test for it)');
    assert.equal(builds, 0, 'reading the stand-in built the client');
    assert.equal(await counter.add(2), 2);
    assert.equal(await counter.add(3), 5);
    assert.equal(counter.total(), 5);
    assert.equal(builds, 1);
  });

  it('a failed build is retried on the next call (a transient failure does not stick)', () => {
    let attempts = 0;
    const counter = deferredMethods<Counter>(
      () => {
        if (++attempts === 1) throw new Error('first build fails');
        return new RealCounter();
      },
      { add: true, total: true },
    );
    assert.throws(() => counter.total(), /first build fails/);
    assert.equal(counter.total(), 0);
    assert.equal(attempts, 2);
  });
});
