// The signNow sandbox's starting state: two users with passwords, the demo app, each user's system folders,
// and Alice's documents in every state SignDesk shows. Ids are stable across starts.
import { stableHex } from '../kit/ids';
import { FieldInviteStatus, SnDocument, SnFieldInvite, SnFolder, SnRole, SnState, SnUser } from './model';

export const SN_SEED = {
  alice: { email: 'alice@example.com', password: 'sandbox-alice-password', id: stableHex('signnow-user-alice') },
  bob: { email: 'bob@example.com', password: 'sandbox-bob-password', id: stableHex('signnow-user-bob') },
  app: { clientId: 'sandbox-signnow-client-id', clientSecret: 'sandbox-signnow-client-secret', name: 'SignDesk Demo App' },
};

export const SN_SEED_USERS = [
  { email: SN_SEED.alice.email, password: SN_SEED.alice.password },
  { email: SN_SEED.bob.email, password: SN_SEED.bob.password },
];

/** Alice's seeded documents by what they show. */
export const SN_SEED_DOCUMENTS = {
  awaiting: stableHex('signnow-doc-awaiting'),
  partiallySigned: stableHex('signnow-doc-partially-signed'),
  completed: stableHex('signnow-doc-completed'),
  declined: stableHex('signnow-doc-declined'),
  fieldInviteCanceled: stableHex('signnow-doc-field-canceled'),
  freeFormAwaiting: stableHex('signnow-doc-freeform-awaiting'),
  freeFormSigned: stableHex('signnow-doc-freeform-signed'),
  freeFormCanceled: stableHex('signnow-doc-freeform-canceled'),
  draft: stableHex('signnow-doc-draft'),
};

export const SYSTEM_FOLDERS = ['Documents', 'Archive', 'Templates', 'Trash Bin'] as const;

export function folderId(userId: string, name: string): string {
  return stableHex(`signnow-folder-${userId}-${name}`);
}

function folders(user: SnUser): SnFolder[] {
  const root: SnFolder = { id: folderId(user.id, 'Root'), userId: user.id, name: 'Root', parentId: null, systemFolder: true, created: user.created };
  return [root, ...SYSTEM_FOLDERS.map((name) => ({ id: folderId(user.id, name), userId: user.id, name, parentId: root.id, systemFolder: true, created: user.created }))];
}

export function roleId(documentId: string, role: string): string {
  return stableHex(`signnow-role-${documentId}-${role}`);
}

export function seedState(now: number, demoRedirectUri: string): SnState {
  const user = (u: { email: string; password: string; id: string }, first: string, last: string): SnUser => ({
    id: u.id,
    email: u.email,
    password: u.password,
    firstName: first,
    lastName: last,
    created: now - 400 * 86400,
  });
  const alice = user(SN_SEED.alice, 'Alice', 'Example');
  const bob = user(SN_SEED.bob, 'Bob', 'Example');
  const docs = aliceDocuments(alice, now);
  return {
    version: 1,
    service: 'signNow',
    users: [alice, bob],
    apps: [{ ...SN_SEED.app, redirectUris: [demoRedirectUri] }],
    codes: [],
    accessTokens: [],
    refreshTokens: [],
    folders: [...folders(alice), ...folders(bob)],
    documents: docs,
    downloadLinks: [],
    sessions: [],
  };
}

type InviteSeed = { email: string; status: FieldInviteStatus; declinedText?: string; opened?: boolean };

function aliceDocuments(alice: SnUser, now: number): SnDocument[] {
  const hour = 3600;
  const base = (key: keyof typeof SN_SEED_DOCUMENTS, name: string, ageHours: number): SnDocument => ({
    id: SN_SEED_DOCUMENTS[key],
    userId: alice.id,
    ownerEmail: alice.email,
    name,
    originalFilename: `${name}.pdf`,
    pageCount: 1,
    created: now - ageHours * hour,
    updated: now - ageHours * hour + 60,
    folderId: folderId(alice.id, 'Documents'),
    fields: [],
    roles: [],
    fieldInvites: [],
    requests: [],
    signatures: [],
  });
  /** One signature field and one ordered role per signer, invites in those states. */
  const withFieldInvites = (doc: SnDocument, signers: InviteSeed[]): SnDocument => {
    const roles: SnRole[] = signers.map((_, i) => ({ uniqueId: roleId(doc.id, `Signer ${i + 1}`), name: `Signer ${i + 1}`, signingOrder: i + 1 }));
    doc.roles = roles;
    doc.fields = roles.map((r, i) => ({
      id: stableHex(`signnow-field-${doc.id}-${i}`),
      type: 'signature',
      role: r.name,
      roleId: r.uniqueId,
      pageNumber: 0,
      x: 100,
      y: 600 - i * 80,
      width: 200,
      height: 40,
      required: true,
    }));
    doc.fieldInvites = signers.map((s, i): SnFieldInvite => ({
      id: stableHex(`signnow-field-invite-${doc.id}-${i}`),
      email: s.email,
      role: roles[i].name,
      roleId: roles[i].uniqueId,
      order: i + 1,
      status: s.status,
      created: doc.created + 60,
      updated: doc.updated,
      expirationTime: doc.created + 30 * 86400,
      reminder: 0,
      ...(s.declinedText ? { declinedText: s.declinedText } : {}),
      emailStatuses: s.status === 'created' ? [] : [{ status: s.opened ? 'opened' : 'sent', createdAt: doc.created + 60, lastReactionAt: doc.updated }],
      signerUserId: null,
    }));
    doc.signatures = doc.fieldInvites
      .filter((f) => f.status === 'fulfilled')
      .map((f) => ({ id: stableHex(`signnow-signature-${f.id}`), userId: null, email: f.email, created: f.updated }));
    return doc;
  };
  const withFreeForm = (doc: SnDocument, email: string, state: 'awaiting' | 'signed' | 'canceled'): SnDocument => {
    doc.requests = [
      {
        id: stableHex(`signnow-freeform-${doc.id}`),
        uniqueId: stableHex(`signnow-freeform-unique-${doc.id}`),
        signerEmail: email,
        originatorEmail: alice.email,
        created: doc.created + 60,
        signatureId: state === 'signed' ? stableHex(`signnow-freeform-signature-${doc.id}`) : null,
        canceled: state === 'canceled' ? true : null,
      },
    ];
    if (state === 'signed') doc.signatures = [{ id: doc.requests[0].signatureId!, userId: null, email, created: doc.updated }];
    return doc;
  };
  return [
    withFieldInvites(base('awaiting', 'NDA', 2), [
      { email: 'carol@example.com', status: 'pending' },
      { email: 'dave@example.com', status: 'created' },
    ]),
    withFieldInvites(base('partiallySigned', 'Services Agreement', 5), [
      { email: 'carol@example.com', status: 'fulfilled', opened: true },
      { email: 'dave@example.com', status: 'pending', opened: true },
    ]),
    withFieldInvites(base('completed', 'Offer Letter', 30), [
      { email: 'carol@example.com', status: 'fulfilled', opened: true },
      { email: 'dave@example.com', status: 'fulfilled', opened: true },
    ]),
    withFieldInvites(base('declined', 'Vendor Contract', 48), [{ email: 'erin@example.com', status: 'declined', declinedText: 'The payment terms are wrong.', opened: true }]),
    withFieldInvites(base('fieldInviteCanceled', 'Old Lease', 72), [{ email: 'frank@example.com', status: 'canceled' }]),
    withFreeForm(base('freeFormAwaiting', 'Photo Release', 3), 'grace@example.com', 'awaiting'),
    withFreeForm(base('freeFormSigned', 'Consent Form', 20), 'grace@example.com', 'signed'),
    withFreeForm(base('freeFormCanceled', 'Draft Memo', 90), 'heidi@example.com', 'canceled'),
    base('draft', 'Unsent Draft', 1),
  ];
}
