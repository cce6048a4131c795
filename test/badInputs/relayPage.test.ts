// Bad inputs: the relay page (media/oauth-relay.html) run in headless Chromium, served from a local http
// server, opened the way Dropbox Sign opens it, with targets and queries an attacker would try. One
// browser for the whole area; each case gets a fresh tab so its history is its own.
import * as assert from 'node:assert/strict';
import { encodeState } from '../../src/auth/oauthState';
import { RelayPageBrowser, type RelayVisit } from '../runner/relayPageBrowser';
import { badInput, badInputs } from './tally';

const NONCE = 'q3V8xN0bR2mT6yK4pW9zL1cF5hJ7dS0gA8eU2iO4nB6';
const CODE = 'bad-input-code-3c91e0a7';
const AUTHORITY = 'vscode-authority=signdesk.signdesk';
const REFUSED = 'refused: the page says "Sign-in not forwarded", loads nothing, and the code leaves the address bar and history';

function stateFor(target: string): string {
  return encodeState(NONCE, target);
}

function assertRefused(visit: RelayVisit): void {
  assert.equal(visit.forwardedTo, undefined, `forwarded to ${visit.forwardedTo}`);
  assert.equal(visit.title, 'Sign-in not forwarded', `the page shows "${visit.title}"`);
  assert.equal(visit.buttonHref, undefined, `offers a button to ${visit.buttonHref}`);
  assert.deepEqual(visit.requests, [], 'the page loaded something');
  assert.ok(!visit.address.includes(CODE), `the address bar keeps the code: ${visit.address}`);
  for (const entry of visit.history) assert.ok(!entry.includes(CODE), `the history keeps the code: ${entry}`);
  assert.ok(!(visit.message ?? '').includes(CODE), 'the message repeats the code');
}

describe('relay page', function () {
  this.timeout(60_000);
  let relay: RelayPageBrowser;

  before(async function () {
    this.timeout(120_000);
    relay = await RelayPageBrowser.start();
  });

  after(async () => {
    await relay?.close();
  });

  const refusedTargets: Array<readonly [string, string]> = [
    // Codespaces: only the editor's own name (<codespace>.github.dev) is VS Code.
    ['target on a forwarded Codespaces port (x-8080.app.github.dev)', `https://fluffy-space-engine-x4g5-8080.app.github.dev/cb?${AUTHORITY}`],
    ['target on an older forwarded-port name (x-8080.preview.app.github.dev)', `https://fluffy-space-8080.preview.app.github.dev/cb?${AUTHORITY}`],
    ['target app.github.dev.evil.example', `https://app.github.dev.evil.example/cb?${AUTHORITY}`],
    ['target two labels under github.dev (a.b.github.dev)', `https://a.b.github.dev/cb?${AUTHORITY}`],
    ['target github.dev itself', `https://github.dev/cb?${AUTHORITY}`],
    ['target label with a leading hyphen (-x.github.dev)', `https://-x.github.dev/cb?${AUTHORITY}`],
    ['target github.dev with a trailing dot (x.github.dev.)', `https://x.github.dev./cb?${AUTHORITY}`],
    ['target evilgithub.dev', `https://evilgithub.dev/cb?${AUTHORITY}`],
    ['target vscode.dev.evil.example', `https://vscode.dev.evil.example/cb?${AUTHORITY}`],
    ['target evilvscode.dev', `https://evilvscode.dev/cb?${AUTHORITY}`],
    ['target a stranger\'s site', `https://evil.example/cb?${AUTHORITY}`],
    // userinfo tricks
    ['userinfo https://vscode.dev@evil.example', `https://vscode.dev@evil.example/cb?${AUTHORITY}`],
    ['userinfo https://x@vscode.dev (allowed host, credentials in the URL)', `https://x@vscode.dev/cb?${AUTHORITY}`],
    ['userinfo https://vscode.dev:443@evil.example', `https://vscode.dev:443@evil.example/cb?${AUTHORITY}`],
    ['userinfo on loopback http://user:pw@127.0.0.1', `http://user:pw@127.0.0.1:8080/cb?${AUTHORITY}`],
    ['userinfo in a vscode: target (vscode://x@signdesk.signdesk)', 'vscode://x@signdesk.signdesk/callback'],
    ['fragment trick https://evil.example#@vscode.dev', `https://evil.example/cb?${AUTHORITY}#@vscode.dev`],
    // backslashes, encoded dots, IDN/punycode lookalikes
    ['backslash https://evil.example\\@vscode.dev', `https://evil.example\\@vscode.dev/cb?${AUTHORITY}`],
    ['backslashes as slashes https:\\\\evil.example\\cb', `https:\\\\evil.example\\cb?${AUTHORITY}`],
    ['encoded dot in a forwarded-port name (x-8080.app%2Egithub.dev)', `https://x-8080.app%2Egithub.dev/cb?${AUTHORITY}`],
    ['encoded dot vscode.dev%2Eevil.example', `https://vscode.dev%2Eevil.example/cb?${AUTHORITY}`],
    ['punycode lookalike of vscode.dev (xn--vscde-9ve.dev)', `https://xn--vscde-9ve.dev/cb?${AUTHORITY}`],
    ['punycode lookalike of github.dev (x.xn--gthub-n4a.dev)', `https://x.xn--gthub-n4a.dev/cb?${AUTHORITY}`],
    ['unicode lookalike vscоde.dev (Cyrillic о)', `https://vsc\u043ede.dev/cb?${AUTHORITY}`],
    ['fullwidth dot abc.github\uff0edev', `https://abc.github\uff0edev/cb?${AUTHORITY}`],
    // ports and plain http
    ['port on vscode.dev (:8443)', `https://vscode.dev:8443/cb?${AUTHORITY}`],
    ['port on a codespace editor name (:444)', `https://abc.github.dev:444/cb?${AUTHORITY}`],
    ['plain http to vscode.dev', `http://vscode.dev/cb?${AUTHORITY}`],
    ['plain http to a codespace editor name', `http://abc.github.dev/cb?${AUTHORITY}`],
    ['another loopback address (127.0.0.2)', `http://127.0.0.2:8080/cb?${AUTHORITY}`],
    ['IPv6 loopback ([::1])', `http://[::1]:8080/cb?${AUTHORITY}`],
    ['localhost with a trailing dot', `http://localhost.:8080/cb?${AUTHORITY}`],
    // not a VS Code callback for SignDesk
    ['no vscode-authority on a VS Code host', 'https://vscode.dev/callback'],
    ['vscode-authority of another extension', 'https://vscode.dev/cb?vscode-authority=other.extension'],
    ['vscode-authority only in the fragment', `https://vscode.dev/cb#?${AUTHORITY}`],
    ['vscode: target for another extension', 'vscode://other.extension/callback'],
    ['vscode: target signdesk.signdesk.evil', 'vscode://signdesk.signdesk.evil/callback'],
    ['vscode: target with a port (signdesk.signdesk:80)', 'vscode://signdesk.signdesk:80/callback'],
    ['vscode: without an authority (vscode:signdesk.signdesk)', 'vscode:signdesk.signdesk/callback'],
    // other schemes
    ['javascript: URL', 'javascript:alert(document.domain)//signdesk.signdesk'],
    ['javascript: URL dressed as an authority', 'javascript://signdesk.signdesk/%0aalert(1)'],
    ['data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['blob: URL on vscode.dev', 'blob:https://vscode.dev/0c3d6b0e-3c1f-4b5e-9f5a-1d2c3b4a5f6e'],
    ['file: URL', 'file:///etc/passwd'],
    ['ftp: URL on loopback', `ftp://127.0.0.1/?${AUTHORITY}`],
    ['ws: URL on loopback', `ws://127.0.0.1:8080/?${AUTHORITY}`],
    ['view-source: of vscode.dev', `view-source:https://vscode.dev/cb?${AUTHORITY}`],
    ['chrome: URL', 'chrome://settings/'],
    ['not a URL at all', 'not a url'],
  ];
  badInputs(refusedTargets, REFUSED, async (target) => assertRefused(await relay.visit(`?code=${CODE}&state=${stateFor(target)}`)));

  badInputs(
    [
      ['a code without any state', `?code=${CODE}`],
      ['an empty state', `?code=${CODE}&state=`],
      ['a state whose target is empty ("nonce.")', `?code=${CODE}&state=${NONCE}.`],
      ['a state whose target is not base64url', `?code=${CODE}&state=${NONCE}.%25%25%25`],
      ['a state whose target is padded base64', `?code=${CODE}&state=${NONCE}.${Buffer.from('vscode://signdesk.signdesk/cb').toString('base64')}`],
      ['a state whose target decodes to binary', `?code=${CODE}&state=${NONCE}.${Buffer.from([0, 1, 2, 255, 254]).toString('base64url')}`],
      ['a state whose target is not ASCII', `?code=${CODE}&state=${NONCE}.${Buffer.from('vscode://signdesk.signdesk/c\u00e4llback').toString('base64url')}`],
      ['a garbled state before a good one (the first counts)', `?code=${CODE}&state=garbled.!!&state=${stateFor('vscode://signdesk.signdesk/callback')}`],
      ['a state of 10 KB', `?code=${CODE}&state=${NONCE}.${Buffer.from('x'.repeat(7_500)).toString('base64url')}`],
      ['code and state only in the fragment', `#code=${CODE}&state=${stateFor('vscode://signdesk.signdesk/callback')}`],
    ],
    REFUSED,
    async (query) => assertRefused(await relay.visit(query)),
  );

  const target = 'http://127.0.0.1:8080/stable-1/callback?vscode-reqid=3&vscode-scheme=code-oss&vscode-authority=signdesk.signdesk';
  badInputs(
    [
      ['extra parameters (next, redirect_uri, vscode-authority)', `?code=${CODE}&state=${stateFor(target)}&next=https://evil.example&redirect_uri=https://evil.example&vscode-authority=other`],
      ['a code that smuggles parameters (a%26vscode-path%3D...)', `?code=${encodeURIComponent(`${CODE}&vscode-path=/evil`)}&state=${stateFor(target)}`],
      ['an error_description with markup', `?state=${stateFor(target)}&error=server_error&error_description=${encodeURIComponent('<img src=x onerror=alert(1)>')}`],
    ],
    'forwarded to the target alone, carrying only code, state, error and error_description, each as one value',
    async (query) => {
      const visit = await relay.visit(query);
      assert.ok(visit.forwardedTo, `stayed: ${visit.title}`);
      assert.deepEqual(visit.requests, [visit.forwardedTo]);
      const forwarded = new URL(visit.forwardedTo);
      assert.equal(forwarded.origin + forwarded.pathname, 'http://127.0.0.1:8080/stable-1/callback');
      const sent = new URLSearchParams(query.slice(1));
      const names = [...forwarded.searchParams.keys()];
      assert.deepEqual(
        names.filter((name) => !name.startsWith('vscode-')),
        ['code', 'state', 'error', 'error_description'].filter((name) => sent.has(name)),
      );
      assert.deepEqual(forwarded.searchParams.getAll('vscode-authority'), ['signdesk.signdesk']);
      assert.equal(forwarded.searchParams.get('vscode-path'), null);
      for (const name of ['code', 'error_description']) assert.equal(forwarded.searchParams.get(name), sent.get(name));
      for (const entry of visit.history.filter((url) => url !== visit.forwardedTo)) assert.ok(!entry.includes(CODE), `history: ${entry}`);
    },
  );

  badInput('a refused target named in the page’s message', 'the message names neither the target nor the code', async () => {
    const visit = await relay.visit(`?code=${CODE}&state=${stateFor(`https://evil.example/steal?${AUTHORITY}`)}`);
    assertRefused(visit);
    assert.doesNotMatch(`${visit.title} ${visit.message}`, /evil|steal/);
  });
});
