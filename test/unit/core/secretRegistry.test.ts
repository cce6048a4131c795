import assert from 'node:assert/strict';
import { redact, RedactingLogger, REDACTED, type LogSink } from '../../../src/core/log';
import { DEFAULT_SECRET_CAPACITY, SecretRegistry } from '../../../src/core/secretRegistry';

function lineSink(lines: string[]): LogSink {
  const push = (message: string) => void lines.push(message);
  return { trace: push, debug: push, info: push, warn: push, error: push };
}

describe('SecretRegistry: bounded, with one cached pattern', () => {
  it('holds at most a few hundred values, dropping the least recently added first', () => {
    const registry = new SecretRegistry();
    assert.ok(DEFAULT_SECRET_CAPACITY >= 100 && DEFAULT_SECRET_CAPACITY <= 1000, `${DEFAULT_SECRET_CAPACITY}`);
    for (let i = 0; i < 10_000; i++) registry.add(`flood-value-${i}`);
    assert.equal([...registry.values()].length, DEFAULT_SECRET_CAPACITY);
    assert.ok([...registry.values()].includes('flood-value-9999'));
    assert.ok(![...registry.values()].includes('flood-value-0'));
  });

  it('keeps a value that is added again (a live session read on every call) while older ones fall off', () => {
    const registry = new SecretRegistry(4);
    registry.add('live-access-token');
    registry.add('old-1');
    registry.add('old-2');
    registry.add('old-3');
    registry.add('live-access-token'); // the session store registers a session's tokens on every read
    registry.add('new-1');
    registry.add('new-2');
    assert.deepEqual([...registry.values()], ['old-3', 'live-access-token', 'new-1', 'new-2']);
    assert.equal(redact('token live-access-token', registry), `token ${REDACTED}`);
  });

  it('compiles its pattern once per change of the set, not once per use', () => {
    const registry = new SecretRegistry();
    registry.add('first-secret-value');
    const lines: string[] = [];
    const log = new RedactingLogger(lineSink(lines), registry);
    for (let i = 0; i < 1000; i++) log.info(`line ${i} first-secret-value`);
    assert.equal(registry.patternBuilds, 1);
    registry.add('first-secret-value'); // known already: same set, same pattern
    log.info('again first-secret-value');
    assert.equal(registry.patternBuilds, 1);
    registry.add('second-secret-value');
    for (let i = 0; i < 1000; i++) log.info(`line ${i} second-secret-value first-secret-value`);
    assert.equal(registry.patternBuilds, 2);
    registry.delete('first-secret-value');
    log.info('after delete first-secret-value second-secret-value');
    assert.equal(registry.patternBuilds, 3);
    assert.equal(lines.at(-1), `after delete first-secret-value ${REDACTED}`);
    assert.ok(lines.slice(0, -1).every((line) => !line.includes('secret-value')), 'every earlier line redacted');
  });

  it('a value that fell off is no longer redacted, and the pattern follows the eviction', () => {
    const registry = new SecretRegistry(2);
    registry.add('aaaa-1111');
    registry.add('bbbb-2222');
    assert.equal(redact('aaaa-1111 bbbb-2222', registry), `${REDACTED} ${REDACTED}`);
    registry.add('cccc-3333');
    assert.equal(redact('aaaa-1111 bbbb-2222 cccc-3333', registry), `aaaa-1111 ${REDACTED} ${REDACTED}`);
  });
});
