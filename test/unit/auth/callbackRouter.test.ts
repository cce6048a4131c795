import * as assert from 'node:assert/strict';
import { CallbackRouter, CallbackUri, logUnknownPath } from '../../../src/auth/callbackRouter';
import { RedactingLogger, REDACTED, SecretRegistry } from '../../../src/core/log';

describe('CallbackRouter', () => {
  it('delivers a URI to the route for its path with the query intact', async () => {
    const unknown: CallbackUri[] = [];
    const router = new CallbackRouter((uri) => unknown.push(uri));
    const received: CallbackUri[] = [];
    router.route('/callback', (uri) => {
      received.push(uri);
    });
    await router.handle({ path: '/callback', query: 'code=abc&state=xyz' });
    assert.deepEqual(received, [{ path: '/callback', query: 'code=abc&state=xyz' }]);
    assert.deepEqual(unknown, []);
  });

  it('reports a URI for an unregistered path instead of dropping it silently', async () => {
    const unknown: CallbackUri[] = [];
    const router = new CallbackRouter((uri) => unknown.push(uri));
    router.route('/callback', () => assert.fail('wrong route'));
    await router.handle({ path: '/elsewhere', query: '' });
    assert.deepEqual(unknown, [{ path: '/elsewhere', query: '' }]);
  });

  it('refuses two routes for one path and frees the path on dispose', async () => {
    const router = new CallbackRouter(() => undefined);
    const first = router.route('/callback', () => undefined);
    assert.throws(() => router.route('/callback', () => undefined));
    first.dispose();
    let called = false;
    router.route('/callback', () => {
      called = true;
    });
    await router.handle({ path: '/callback', query: '' });
    assert.equal(called, true);
  });

  it('lets an observer see a URI even when no route takes it', async () => {
    const router = new CallbackRouter(() => undefined);
    const seen: string[] = [];
    const observer = router.observe((uri) => seen.push(uri.query));
    await router.handle({ path: '/x', query: 'a=1' });
    observer.dispose();
    await router.handle({ path: '/x', query: 'a=2' });
    assert.deepEqual(seen, ['a=1']);
  });

  it('logs an unknown path as one redacted line, its control characters escaped (no forged lines)', async () => {
    const lines: string[] = [];
    const push = (message: string) => void lines.push(message);
    const registry = new SecretRegistry();
    registry.add('live-refresh-token-XYZ');
    const router = new CallbackRouter(logUnknownPath(new RedactingLogger({ trace: push, debug: push, info: push, warn: push, error: push }, registry)));
    router.route('/callback', () => assert.fail('wrong route'));
    await router.handle({ path: '/x\n2030-01-01 00:00:00.000 [info] Signed in as admin\r\u001b[2J\u202eevil', query: 'code=c' });
    await router.handle({ path: '/leak/live-refresh-token-XYZ', query: '' });
    assert.equal(lines.length, 2);
    assert.equal(lines[0], 'Ignored a URI for an unknown path: /x\\n2030-01-01 00:00:00.000 [info] Signed in as admin\\r\\u001b[2J\\u202eevil');
    assert.equal(lines[1], `Ignored a URI for an unknown path: /leak/${REDACTED}`);
  });
});
