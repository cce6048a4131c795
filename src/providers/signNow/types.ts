// signNow's JSON, as far as SignDesk reads it (from the official SDKs' declarations; see
// ../shared/notes/providers.md). Numbers often arrive as strings: the mapping converts them.

export interface SnUserJson {
  id: string;
  first_name?: string;
  last_name?: string;
  active?: string | number;
  primary_email: string;
  emails?: string[];
  locale?: string;
}

export interface SnRoleJson {
  unique_id: string;
  name: string;
  signing_order: string | number;
}

export interface SnFieldInviteJson {
  id: string;
  status: string;
  email: string;
  role?: string;
  role_id?: string;
  created?: string | number;
  updated?: string | number;
  expiration_time?: string | number;
  declined?: Array<{ declined_text?: string }>;
  is_full_declined?: boolean;
  email_statuses?: Array<{ status?: string; created_at?: number | string; last_reaction_at?: number | string }>;
}

export interface SnRequestJson {
  id: string;
  unique_id?: string;
  signer_email: string;
  originator_email?: string;
  created?: string | number;
  signature_id?: string | null;
  canceled?: boolean | null;
}

export interface SnSignatureJson {
  id: string;
  email?: string;
  created?: string | number;
}

export interface SnDocumentJson {
  id: string;
  document_name: string;
  created?: string | number;
  updated?: string | number;
  owner?: string;
  roles?: SnRoleJson[];
  field_invites?: SnFieldInviteJson[];
  requests?: SnRequestJson[];
  signatures?: SnSignatureJson[];
  fields?: unknown[];
}

export interface SnFolderJson {
  id: string;
  name: string;
  system_folder?: boolean;
  folders?: SnFolderJson[];
  total_documents?: number;
  documents?: SnDocumentJson[];
}
