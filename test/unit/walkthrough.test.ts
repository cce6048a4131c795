// package.json's Getting Started walkthrough: every step completes on a real event (a context key SignDesk
// sets, or running a command where running it is the point), never on merely clicking the step; its
// buttons run commands SignDesk contributes; its media exist.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTEXT_REQUEST_SENT, FirstRequestSent } from '../../src/commands/actions/firstRequestSent';
import { CONTEXT_APP_CONFIGURED, CONTEXT_SIGNED_IN, loginContextKeys } from '../../src/views/statusBar/state';
import { makeSession } from '../support/sessions';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; svg?: string };
  completionEvents?: string[];
}

const root = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string }>; walkthroughs?: Array<{ id: string; title: string; steps: Step[] }> };
};
const commands = new Set(pkg.contributes.commands.map((c) => c.command));
const walkthrough = pkg.contributes.walkthroughs?.find((w) => w.id === 'gettingStarted');
const steps = walkthrough?.steps ?? [];

/** Commands whose running is itself what the step asks for (seeing the callback URL). */
const DONE_BY_RUNNING = new Set(['signdesk.showCallbackUrl']);

/** Each context key a step waits for, and proof that SignDesk sets it false before the event and true after. */
const KEYS_SIGNDESK_SETS: Record<string, () => Promise<[before: unknown, after: unknown]>> = {
  [CONTEXT_APP_CONFIGURED]: async () => [loginContextKeys({ configured: false })[CONTEXT_APP_CONFIGURED], loginContextKeys({ configured: true })[CONTEXT_APP_CONFIGURED]],
  [CONTEXT_SIGNED_IN]: async () => [loginContextKeys({ configured: true })[CONTEXT_SIGNED_IN], loginContextKeys({ session: makeSession(), configured: true })[CONTEXT_SIGNED_IN]],
  [CONTEXT_REQUEST_SENT]: async () => {
    const set = new Map<string, boolean>();
    const sent = new FirstRequestSent({ state: { get: () => undefined, update: async () => undefined }, setContext: (key, value) => set.set(key, value) });
    const before = set.get(CONTEXT_REQUEST_SENT);
    await sent.noteSent();
    return [before, set.get(CONTEXT_REQUEST_SENT)];
  },
};

describe('Getting Started walkthrough (package.json)', () => {
  it('walks through configure → register the callback URL → sign in → send a first test request', () => {
    assert.ok(walkthrough, 'contributes.walkthroughs has "gettingStarted"');
    assert.deepEqual(steps.map((s) => s.id), ['configureApp', 'registerCallbackUrl', 'signIn', 'sendTestRequest']);
  });

  for (const step of steps) {
    describe(`step "${step.id}"`, () => {
      it('completes only on real events (VS Code would otherwise complete it when its button is clicked)', () => {
        const events = step.completionEvents ?? [];
        assert.ok(events.length > 0, 'completionEvents is set');
        for (const event of events) {
          const [kind, argument] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
          if (kind === 'onCommand') {
            assert.ok(commands.has(argument), `${argument} is a SignDesk command`);
            assert.ok(DONE_BY_RUNNING.has(argument), `running ${argument} is not by itself what the step asks for`);
          } else {
            assert.equal(kind, 'onContext', `${event}: only onContext and onCommand events`);
            assert.ok(argument in KEYS_SIGNDESK_SETS, `${argument} is a context key SignDesk sets`);
          }
        }
      });

      it('its buttons run SignDesk commands', () => {
        const links = [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
        assert.ok(links.length > 0, 'the step has a button');
        for (const command of links) assert.ok(commands.has(command), `${command} is contributed`);
      });

      it('its media exist', () => {
        const file = step.media.markdown ?? step.media.svg ?? step.media.image;
        assert.ok(file && /\.(md|svg)$/.test(file), 'markdown or svg media');
        assert.ok(fs.existsSync(path.join(root, file)), `${file} exists`);
      });
    });
  }

  it('SignDesk sets every context key a step waits for: false before the event, true after', async () => {
    const keys = new Set(steps.flatMap((s) => s.completionEvents ?? []).filter((e) => e.startsWith('onContext:')).map((e) => e.slice('onContext:'.length)));
    assert.deepEqual([...keys].sort(), Object.keys(KEYS_SIGNDESK_SETS).sort());
    for (const key of keys) {
      assert.deepEqual(await KEYS_SIGNDESK_SETS[key](), [false, true], key);
    }
  });
});
