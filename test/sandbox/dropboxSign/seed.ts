// The demo world every sandbox starts with (and `POST /_admin/reset` returns to).
import { Account, ApiApp, SignatureRequest, Signer, SignerStatus, State } from './model';
import { stableHex } from '../kit/ids';

export const SEED = {
  demoApp: {
    name: 'SignDesk Demo App',
    clientId: 'sandbox-demo-client-id',
    clientSecret: 'sandbox-demo-client-secret',
    scopes: ['basic_account_info', 'account_access', 'signature_request_access', 'request_signature'],
  },
  otherApp: {
    name: 'Other Demo App',
    clientId: 'sandbox-other-client-id',
    clientSecret: 'sandbox-other-client-secret',
    callbackUrl: 'https://other-app.example/oauth/callback',
    scopes: ['basic_account_info', 'signature_request_access'],
  },
  /** the demo user: owns both apps and the API key, sends most demo requests */
  alice: { email: 'alice@example.com', name: 'Alice Sandbox', apiKey: 'sandbox-demo-api-key' },
  /** a second user (switch account; sends one request to Alice) */
  bob: { email: 'bob@example.com', name: 'Bob Sandbox', apiKey: 'sandbox-bob-api-key' },
} as const;

export const SEED_USERS = [SEED.alice.email, SEED.bob.email];

/** Seeded signature request ids, for tests and docs. */
export const SEED_REQUESTS = {
  awaiting: stableHex('seed-request-awaiting'),
  partiallySigned: stableHex('seed-request-partial'),
  completed: stableHex('seed-request-completed'),
  declined: stableHex('seed-request-declined'),
  canceled: stableHex('seed-request-canceled'),
  onHold: stableHex('seed-request-on-hold'),
  receivedFromBob: stableHex('seed-request-received'),
  viaOtherApp: stableHex('seed-request-other-app'),
} as const;

export function seedState(nowSeconds: number, demoCallbackUrl: string): State {
  const alice: Account = {
    accountId: stableHex('seed-account-alice'),
    email: SEED.alice.email,
    name: SEED.alice.name,
    apiKey: SEED.alice.apiKey,
    confirmed: true,
    callbackUrl: null,
    locale: 'en-US',
    createdAt: nowSeconds - 90 * 86400,
  };
  const bob: Account = {
    accountId: stableHex('seed-account-bob'),
    email: SEED.bob.email,
    name: SEED.bob.name,
    apiKey: SEED.bob.apiKey,
    confirmed: true,
    callbackUrl: null,
    locale: 'en-US',
    createdAt: nowSeconds - 60 * 86400,
  };
  const apps: ApiApp[] = [
    { ...SEED.demoApp, scopes: [...SEED.demoApp.scopes], callbackUrl: demoCallbackUrl, ownerAccountId: alice.accountId },
    { ...SEED.otherApp, scopes: [...SEED.otherApp.scopes], ownerAccountId: alice.accountId },
  ];
  const day = 86400;
  const hour = 3600;
  let signerN = 0;
  const signer = (email: string, name: string, order: number | null, status: SignerStatus, extra: Partial<Signer> = {}): Signer => ({
    signatureId: stableHex(`seed-signature-${signerN++}`, 32),
    email,
    name,
    order,
    status,
    signedAt: null,
    lastViewedAt: null,
    lastRemindedAt: null,
    declineReason: null,
    hasPin: false,
    ...extra,
  });
  const request = (id: string, fields: Partial<SignatureRequest> & Pick<SignatureRequest, 'title' | 'signers' | 'createdAt'>): SignatureRequest => ({
    id,
    clientId: SEED.demoApp.clientId,
    requesterAccountId: alice.accountId,
    requesterEmail: alice.email,
    subject: fields.title,
    message: 'Please review and sign.',
    metadata: {},
    expiresAt: null,
    testMode: true,
    allowDecline: true,
    ccEmails: [],
    fileNames: [`${fields.title}.pdf`],
    signingRedirectUrl: null,
    canceled: false,
    filesReadyAtMs: 0,
    filesPreparing: false,
    ...fields,
  });
  const t = nowSeconds;
  const requests: SignatureRequest[] = [
    request(SEED_REQUESTS.awaiting, {
      title: 'NDA with Acme Co.',
      createdAt: t - 2 * day,
      signers: [
        signer('carol@example.com', 'Carol Signer', 0, 'awaiting_signature'),
        signer('dave@example.com', 'Dave Signer', 1, 'awaiting_signature'),
      ],
      ccEmails: ['legal@example.com'],
      metadata: { customer_id: 'ACME-42' },
    }),
    request(SEED_REQUESTS.partiallySigned, {
      title: 'Consulting Agreement',
      createdAt: t - 5 * day,
      signers: [
        signer('carol@example.com', 'Carol Signer', 0, 'signed', { signedAt: t - 4 * day, lastViewedAt: t - 4 * day - hour }),
        // reminded 10 minutes ago: another reminder is refused for the next 50 minutes
        signer('dave@example.com', 'Dave Signer', 1, 'awaiting_signature', { lastViewedAt: t - day, lastRemindedAt: t - 600 }),
      ],
    }),
    request(SEED_REQUESTS.completed, {
      title: 'Offer Letter',
      createdAt: t - 10 * day,
      signers: [signer('erin@example.com', 'Erin Hire', null, 'signed', { signedAt: t - 9 * day, lastViewedAt: t - 9 * day - hour })],
      fileNames: ['Offer Letter.pdf', 'Benefits Summary.pdf'],
    }),
    request(SEED_REQUESTS.declined, {
      title: 'Lease Renewal',
      createdAt: t - 7 * day,
      signers: [
        signer('frank@example.com', 'Frank Tenant', null, 'declined', {
          lastViewedAt: t - 6 * day,
          declineReason: 'The rent increase was not agreed.',
        }),
      ],
    }),
    request(SEED_REQUESTS.canceled, {
      title: 'Vendor Contract',
      createdAt: t - 20 * day,
      signers: [signer('grace@example.com', 'Grace Vendor', null, 'awaiting_signature')],
      canceled: true,
    }),
    request(SEED_REQUESTS.onHold, {
      title: 'Board Consent',
      createdAt: t - day,
      signers: [signer('heidi@example.com', 'Heidi Director', null, 'on_hold')],
    }),
    request(SEED_REQUESTS.receivedFromBob, {
      title: 'Expense Policy Acknowledgement',
      createdAt: t - 3 * day,
      requesterAccountId: bob.accountId,
      requesterEmail: bob.email,
      signers: [signer(alice.email, alice.name, null, 'awaiting_signature')],
    }),
    request(SEED_REQUESTS.viaOtherApp, {
      title: 'Sent Through Another App',
      createdAt: t - 4 * day,
      clientId: SEED.otherApp.clientId,
      signers: [signer('ivan@example.com', 'Ivan Other', null, 'awaiting_signature')],
    }),
  ];
  return {
    version: 1,
    apps,
    accounts: [alice, bob],
    grants: [],
    accessTokens: [],
    refreshTokens: [],
    codes: [],
    requests,
    sessions: [],
    fileLinks: [],
  };
}
