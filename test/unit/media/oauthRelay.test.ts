// Runs the very script media/oauth-relay.html ships (extracted from the file) in a VM, without a DOM.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { encodeState } from '../../../src/auth/oauthState';
import { CODESPACES_TARGET } from '../../support/callbackTargets';
import { deflateRawSync } from 'node:zlib';
import { repoRoot } from '../../runner/paths';

interface Decision {
  kind: 'forward' | 'manual' | 'error' | 'compact';
  url?: string;
  message?: string;
  editorScheme?: boolean;
}
interface RelayApi {
  decide(search: string): Decision;
  decideAsync(search: string): Promise<Decision>;
  allowedTarget(text: string): boolean;
}

const pagePath = path.join(repoRoot, 'media', 'oauth-relay.html');
const html = fs.readFileSync(pagePath, 'utf8');
const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';

function loadRelay(): RelayApi {
  // Blob and DecompressionStream: what a browser gives the page to inflate the compact state.
  const sandbox: Record<string, unknown> = { atob, URL, URLSearchParams, Blob, DecompressionStream };
  vm.runInNewContext(script, sandbox, { filename: pagePath });
  return sandbox.SignDeskRelay as RelayApi;
}

const NONCE = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const SERVER_TARGET =
  'http://127.0.0.1:8080/stable-0123/callback?vscode-reqid=7&vscode-scheme=code-oss&vscode-authority=signdesk.signdesk&vscode-path=%2Fcallback';

function stateFor(target: string): string {
  return encodeState(NONCE, target);
}

describe('OAuth relay page (media/oauth-relay.html)', () => {
  const relay = loadRelay();

  it('has exactly one inline script, allowed by the CSP hash in the page', () => {
    assert.equal(html.match(/<script/g)?.length, 1);
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    assert.ok(html.includes(`'sha256-${hash}'`), `update the CSP hash in ${pagePath} to 'sha256-${hash}'`);
    assert.match(html, /<meta name="referrer" content="no-referrer">/);
  });

  it("its CSP also forbids <base> and form targets (base-uri 'none', form-action 'none')", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    const directives = csp.split(';').map((directive) => directive.trim());
    for (const directive of ["default-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
      assert.ok(directives.includes(directive), `${directive} in: ${csp}`);
    }
  });

  it('forwards code and state to a VS Code server callback, keeping its own query', () => {
    const state = stateFor(SERVER_TARGET);
    const decision = relay.decide(`?code=the-code&state=${state}`);
    assert.equal(decision.kind, 'forward');
    assert.equal(decision.editorScheme, false);
    const url = new URL(decision.url as string);
    assert.equal(url.origin + url.pathname, 'http://127.0.0.1:8080/stable-0123/callback');
    assert.equal(url.searchParams.get('vscode-reqid'), '7');
    assert.equal(url.searchParams.get('vscode-path'), '/callback');
    assert.equal(url.searchParams.get('code'), 'the-code');
    assert.equal(url.searchParams.get('state'), state);
  });

  it('forwards Deny (state, no code) and an error with its description', () => {
    const state = stateFor(SERVER_TARGET);
    const denied = new URL(relay.decide(`?state=${state}`).url as string);
    assert.equal(denied.searchParams.get('code'), null);
    assert.equal(denied.searchParams.get('state'), state);
    const failed = new URL(relay.decide(`?state=${state}&error=access_denied&error_description=no%20thanks`).url as string);
    assert.equal(failed.searchParams.get('error'), 'access_denied');
    assert.equal(failed.searchParams.get('error_description'), 'no thanks');
  });

  it('does not forward parameters other than code, state, error, error_description', () => {
    const url = new URL(relay.decide(`?code=c&state=${stateFor(SERVER_TARGET)}&next=https://evil.example`).url as string);
    assert.equal(url.searchParams.get('next'), null);
  });

  it('forwards to desktop VS Code schemes addressed to SignDesk', () => {
    for (const scheme of ['vscode', 'vscode-insiders', 'code-oss', 'vscodium']) {
      const decision = relay.decide(`?code=c&state=${stateFor(`${scheme}://signdesk.signdesk/callback`)}`);
      assert.equal(decision.kind, 'forward', scheme);
      assert.equal(decision.editorScheme, true);
      assert.match(decision.url as string, new RegExp(`^${scheme}://signdesk\\.signdesk/callback\\?code=c&state=`));
    }
  });

  it('accepts the VS Code web hosts over https: vscode.dev and a codespace editor (<name>.github.dev)', () => {
    for (const host of ['vscode.dev', 'insiders.vscode.dev', 'fluffy-space-engine-x4g5q7rj.github.dev', 'abc.github.dev', 'ABC.GitHub.dev']) {
      assert.ok(relay.allowedTarget(`https://${host}/callback?vscode-authority=signdesk.signdesk`), host);
    }
    assert.ok(relay.allowedTarget('https://localhost:3000/cb?vscode-authority=signdesk.signdesk'));
  });

  it("refuses a codespace's forwarded ports (*.app.github.dev): anyone can serve there", () => {
    for (const host of [
      'fluffy-space-engine-x4g5q7rj-8080.app.github.dev',
      'fluffy-space-8080.preview.app.github.dev',
      'app.github.dev.evil.example',
      'a.b.github.dev',
      'fluffy-space-engine-x4g5q7rj.github.dev:8443',
      'vscode.dev:444',
    ]) {
      const target = `https://${host}/callback?vscode-authority=signdesk.signdesk`;
      assert.equal(relay.allowedTarget(target), false, host);
      assert.equal(relay.decide(`?code=c&state=${stateFor(target)}`).kind, 'error', host);
    }
  });

  it('refuses every other target: never an open redirect', () => {
    const refused = [
      'https://evil.example/callback?vscode-authority=signdesk.signdesk',
      'http://vscode.dev/callback?vscode-authority=signdesk.signdesk', // https only off loopback
      'https://vscode.dev.evil.example/cb?vscode-authority=signdesk.signdesk',
      'https://evilvscode.dev/cb?vscode-authority=signdesk.signdesk',
      'https://github.dev.evil.example/cb?vscode-authority=signdesk.signdesk',
      'https://github.dev/cb?vscode-authority=signdesk.signdesk', // only subdomains are codespaces
      'https://vscode.dev@evil.example/cb?vscode-authority=signdesk.signdesk',
      'http://user:pw@127.0.0.1/cb?vscode-authority=signdesk.signdesk',
      'http://127.0.0.2:8080/cb?vscode-authority=signdesk.signdesk',
      'http://127.0.0.1:8080/cb', // no vscode-authority: not a VS Code callback
      'http://127.0.0.1:8080/cb?vscode-authority=other.extension',
      'vscode://other.extension/callback',
      'javascript:alert(1)//signdesk.signdesk',
      'data:text/html,hi',
      'file:///etc/passwd',
      'ftp://127.0.0.1/?vscode-authority=signdesk.signdesk',
      'not a url',
    ];
    for (const target of refused) {
      assert.equal(relay.allowedTarget(target), false, target);
      const decision = relay.decide(`?code=c&state=${stateFor(target)}`);
      assert.equal(decision.kind, 'error', target);
      assert.equal(decision.url, undefined);
      assert.doesNotMatch(decision.message as string, /evil|code=c/);
    }
  });

  it('refuses a target that is not valid base64url or not ASCII', () => {
    assert.equal(relay.decide(`?code=c&state=${NONCE}.%25%25%25`).kind, 'error');
    const nonAscii = Buffer.from('vscode://signdesk.signdesk/cällback').toString('base64url');
    assert.equal(relay.decide(`?code=c&state=${NONCE}.${nonAscii}`).kind, 'error');
  });

  it('asks to paste the address when the state carries no target (manual mode)', () => {
    assert.deepEqual({ ...relay.decide(`?code=c&state=${NONCE}`) }, { kind: 'manual' });
  });

  it('explains itself when opened without a sign-in', () => {
    const decision = relay.decide('');
    assert.equal(decision.kind, 'error');
    assert.match(decision.message as string, /Sign In/);
  });

  it('reads the state format the extension writes (round trip with encodeState)', () => {
    const target = 'vscode://signdesk.signdesk/callback?x=1';
    const url = new URL(relay.decide(`?code=c&state=${encodeState(NONCE, target)}`).url as string);
    assert.equal(url.searchParams.get('x'), '1');
  });

  it('forwards the compact state (<nonce>~<deflate-raw>) a long Codespaces target needs to fit 500 bytes', async () => {
    const state = encodeState(NONCE, CODESPACES_TARGET, 500);
    assert.ok(state.includes('~') && state.length <= 500, state);
    assert.equal(relay.decide(`?code=c&state=${state}`).kind, 'compact');
    const decision = await relay.decideAsync(`?code=the-code&state=${encodeURIComponent(state)}`);
    assert.equal(decision.kind, 'forward');
    const url = new URL(decision.url as string);
    assert.equal(url.origin + url.pathname, new URL(CODESPACES_TARGET).origin + '/extension-auth-callback');
    assert.equal(url.searchParams.get('vscode-authority'), 'signdesk.signdesk');
    assert.equal(url.searchParams.get('code'), 'the-code');
    assert.equal(url.searchParams.get('state'), state);
  });

  it('decideAsync answers the plain forms as decide does', async () => {
    assert.equal((await relay.decideAsync(`?code=c&state=${NONCE}`)).kind, 'manual');
    assert.equal((await relay.decideAsync(`?code=c&state=${stateFor(SERVER_TARGET)}`)).kind, 'forward');
  });

  it('refuses a compact state that is not raw DEFLATE, inflates to a foreign target, or inflates too far', async () => {
    const compact = (bytes: Buffer) => `?code=c&state=${NONCE}~${bytes.toString('base64url')}`;
    assert.equal((await relay.decideAsync(compact(Buffer.from('not deflate at all')))).kind, 'error');
    assert.equal((await relay.decideAsync(compact(deflateRawSync(Buffer.from('https://evil.example/?vscode-authority=signdesk.signdesk'))))).kind, 'error');
    const bomb = deflateRawSync(Buffer.from(`vscode://signdesk.signdesk/callback?x=${'a'.repeat(1_000_000)}`));
    assert.equal((await relay.decideAsync(compact(bomb))).kind, 'error');
    assert.equal((await relay.decideAsync(`?code=c&state=${NONCE}~%25%25`)).kind, 'error');
  });
});
