// signNow's Remind per signer (issue 13): signNow resends only a field invite whose turn it is
// (PUT /fieldinvite/{id}/resend) and documents no reminder for free-form invites. So the tree offers Remind
// only on field-invite signers whose turn it is, and Remind invoked anyway (the palette, a stale row) says
// why and sends nothing: checked against the signNow sandbox with every HTTP request recorded.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HttpClient } from '../../../../src/core/http';
import type { ActionDeps } from '../../../../src/commands/actions/deps';
import type { SignatureRequest, Signer } from '../../../../src/model/signatureRequest';
import { SignNowApi } from '../../../../src/providers/signNow/apiClient';
import { signNow } from '../../../../src/providers/signNow/definition';
import { SignNowService } from '../../../../src/providers/signNow/service';
import { capabilitiesOf, whenMatchesContextValue, type MenuEntry } from '../../../../src/views/requestsTree/contextValues';
import { SN_SEED_DOCUMENTS } from '../../../sandbox/signNow/server';
import { createFakeVscode, interceptVscode } from '../../../support/fakeVscode';
import { RecordingLogger } from '../../../support/log';
import { passwordToken, useSignNowSandbox } from '../../../support/sandboxes/signNow';
import { ManualTime } from '../../../support/time';
import { repoRoot } from '../../../runner/paths';
import { signNowStack } from './support';

const fake = createFakeVscode({}).api;
const shown: string[] = [];
fake.window.showInformationMessage = async (message: string) => void shown.push(message);
fake.window.withProgress = (_options: unknown, task: () => Promise<unknown>) => task();
const restore = interceptVscode(fake);
// Loaded afresh while `vscode` is this fake, so the messages the command shows are the ones recorded here.
const remindPath = require.resolve('../../../../src/commands/actions/remind');
delete require.cache[remindPath];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { remindSigner } = require(remindPath) as typeof import('../../../../src/commands/actions/remind');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { treeItemFor } = require('../../../../src/views/requestsTree/nodes') as typeof import('../../../../src/views/requestsTree/nodes');
restore();

const menus = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } }).contributes.menus['view/item/context'];
/** The commands the signer row's context menu offers. */
function rowCommands(request: SignatureRequest, signer: Signer): string[] {
  const item = treeItemFor({ kind: 'signer', request, signer }, 0, { idPrefix: '', capabilities: capabilitiesOf(signNow.signatures.rules) });
  return menus.filter((m) => m.when !== undefined && whenMatchesContextValue(m.when, String(item.contextValue))).map((m) => m.command);
}

describe('signNow: Remind only where signNow can remind', () => {
  const sandbox = useSignNowSandbox();
  let token = '';
  let calls: string[];
  let service: SignNowService;
  beforeEach(async () => {
    token = (await passwordToken(sandbox())).access_token;
    const { http } = signNowStack(sandbox());
    calls = [];
    const recording: HttpClient = { request: (req) => (calls.push(`${req.method} ${new URL(req.url).pathname}`), http.request(req)) };
    const settings = () => ({ apiBaseUrl: sandbox().info.apiBaseUrl, oauthBaseUrl: sandbox().info.oauthBaseUrl });
    service = new SignNowService(new SignNowApi(recording, settings), settings);
    shown.length = 0;
  });

  const deps = (): ActionDeps => ({
    service,
    definition: signNow,
    withToken: (call) => call(token),
    requests: { requests: [], upsert: () => undefined, markCanceled: () => undefined, refresh: async () => undefined },
    log: new RecordingLogger(),
    clock: new ManualTime(),
  });
  const load = async (id: string) => {
    const request = await service.getRequest(token, id);
    calls.length = 0;
    return request;
  };

  it('a free-form signer awaiting: no Remind on the row; invoked anyway, it says signNow cannot and sends no request', async () => {
    const request = await load(SN_SEED_DOCUMENTS.freeFormAwaiting);
    const signer = request.signers[0];
    assert.equal(signer.status, 'awaiting');
    assert.deepEqual(rowCommands(request, signer), ['signdesk.requests.copySignerEmail']);
    await remindSigner(deps(), { request, signer });
    assert.deepEqual(calls, [], 'no HTTP request');
    assert.equal(shown.length, 1);
    assert.equal(shown[0], "signNow cannot remind free-form signers. No reminder was sent.");
  });

  it('a field-invite signer whose turn it is: Remind on the row, and it resends that invite', async () => {
    const request = await load(SN_SEED_DOCUMENTS.awaiting);
    const carol = request.signers.find((s) => s.email === 'carol@example.com')!;
    assert.ok(rowCommands(request, carol).includes('signdesk.remindSigner'));
    await remindSigner(deps(), { request, signer: carol });
    assert.deepEqual(calls.filter((c) => c.startsWith('PUT')), [`PUT /fieldinvite/${carol.id}/resend`]);
    assert.match(shown.join('\n'), /Reminded carol@example\.com/);
  });

  it('a field-invite signer still waiting for an earlier signer (created): no Remind on the row; invoked anyway, no request at all', async () => {
    const request = await load(SN_SEED_DOCUMENTS.awaiting);
    const dave = request.signers.find((s) => s.email === 'dave@example.com')!;
    assert.deepEqual([dave.status, dave.statusCode], ['awaiting', 'created']);
    assert.deepEqual(rowCommands(request, dave), ['signdesk.requests.copySignerEmail']);
    await remindSigner(deps(), { request, signer: dave });
    assert.deepEqual(calls, [], 'no HTTP request, not even the GET');
    assert.deepEqual(shown, ['signNow reminds dave@example.com once it is their turn to sign. No reminder was sent.']);
  });
});
