// Dropbox as model/files' FileService: what the Dropbox view and the send/save commands use.
import type { FileService } from '../../model/files';
import { isCursorReset, MAX_SIMPLE_UPLOAD_BYTES, type DropboxFilesClient } from './filesClient';

export function dropboxFileService(client: DropboxFilesClient): FileService {
  return {
    listFolder: (token, folder, signal) => client.listFolder(token, folder, {}, signal),
    listFolderContinue: (token, cursor, signal) => client.listFolderContinue(token, cursor, signal),
    isCursorReset,
    // The link (its entry rides along unread).
    temporaryLink: (token, path, signal) => client.temporaryLink(token, path, signal),
    // A signed copy never replaces a file: `add` with autorename keeps both ("x (1).pdf").
    upload: (token, path, bytes, signal) => client.upload(token, path, bytes, { mode: 'add', autorename: true }, signal),
    maxUploadBytes: MAX_SIMPLE_UPLOAD_BYTES,
  };
}
