// What the Dropbox sandbox starts with (and `POST /_admin/reset` returns to): two users with a few folders
// of real PDFs, and the demo app (PKCE-capable, all four scopes SignDesk needs ticked).
import { buildPdf } from '../kit/documents';
import { DropboxApp, DropboxUser } from './model';

export const DROPBOX_SCOPES = ['account_info.read', 'files.metadata.read', 'files.content.read', 'files.content.write'] as const;

export const DROPBOX_SEED = {
  app: { clientId: 'dbx-sandbox-app-key', clientSecret: 'dbx-sandbox-app-secret', name: 'SignDesk Demo App' },
  alice: 'alice@example.com',
  bob: 'bob@example.com',
} as const;

export const DROPBOX_SEED_USERS = [DROPBOX_SEED.alice, DROPBOX_SEED.bob];

export function seedUsers(): DropboxUser[] {
  return [
    {
      email: DROPBOX_SEED.alice,
      accountId: 'dbid:AAAlice0sandbox0000000000000000000',
      givenName: 'Alice',
      surname: 'Anders',
      country: 'DE',
      locale: 'en',
      emailVerified: true,
      accountType: 'pro',
      disabled: false,
      namespaceId: '1001',
    },
    {
      email: DROPBOX_SEED.bob,
      accountId: 'dbid:AABob000sandbox0000000000000000000',
      givenName: 'Bob',
      surname: 'Brown',
      country: 'US',
      locale: 'en',
      emailVerified: true,
      accountType: 'basic',
      disabled: false,
      namespaceId: '1002',
    },
  ];
}

export function seedApp(callbackUrl: string): DropboxApp {
  return { ...DROPBOX_SEED.app, redirectUris: [callbackUrl], scopes: [...DROPBOX_SCOPES] };
}

export interface SeedFile {
  owner: string;
  /** display path; parent folders are created */
  path: string;
  /** omitted for folders */
  content?: Buffer;
  clientModified?: string;
}

const pdf = (title: string, ...lines: string[]) => buildPdf([{ heading: title, lines: lines.length ? lines : ['Sandbox document for SignDesk.'] }]);

export function seedFiles(): SeedFile[] {
  const a = DROPBOX_SEED.alice;
  const b = DROPBOX_SEED.bob;
  const files: SeedFile[] = [
    { owner: a, path: '/Welcome.pdf', content: pdf('Welcome to the Dropbox sandbox') },
    { owner: a, path: '/readme.txt', content: Buffer.from('Not a PDF: SignDesk should not offer this file for signing.\n') },
    { owner: a, path: '/Contracts/NDA Acme.pdf', content: pdf('Mutual NDA', 'Between Acme Corp and Alice Anders.') },
    { owner: a, path: '/Contracts/Vertrag für Müller.pdf', content: pdf('Vertrag', 'Non-ASCII name: the Dropbox-API-Arg header must escape it.') },
    { owner: a, path: '/Contracts/Services Agreement 2026.pdf', content: pdf('Services Agreement 2026') },
    { owner: a, path: '/Contracts/Archive/Old lease.pdf', content: pdf('Lease (2019)') },
    { owner: a, path: '/Invoices/Invoice 1042.pdf', content: pdf('Invoice 1042', 'Amount due: 1,042.00 EUR') },
    { owner: a, path: '/Invoices/Budget.xlsx', content: Buffer.from('PK\u0003\u0004 not really a spreadsheet') },
    { owner: a, path: '/Empty folder' },
    { owner: b, path: '/Projects/Q1 plan.pdf', content: pdf('Q1 plan') },
    { owner: b, path: '/Offer letter.pdf', content: pdf('Offer letter') },
  ];
  // Enough entries in one folder that paging (limit, has_more, continue) shows without tiny limits.
  for (let i = 1; i <= 12; i++) {
    files.push({ owner: a, path: `/Scans/Scan ${String(i).padStart(2, '0')}.pdf`, content: pdf(`Scan ${i}`) });
  }
  return files.map((f, i) => ({ ...f, clientModified: f.clientModified ?? `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00Z` }));
}
