// Finds a user's MBSchema.xml (servers can extend IIS's schema) and gives its text to the server, which
// reads no files. Through vscode.workspace.fs, so that it works in the browser too.

import { Uri, workspace } from 'vscode';

export const SCHEMA_FILE = 'MBSchema.xml';
/** The notification that gives the server the schema's text (null: IIS 6's own). */
export const SCHEMA_NOTIFICATION = 'iisMetabase/schema';

export interface SchemaParams {
  text: string | null;
  uri?: string;
}

/**
 * The MBSchema.xml at the root of a workspace folder, else beside an open metabase document; the first one
 * found is used for every document.
 */
export async function findSchema(language: string): Promise<SchemaParams> {
  const candidates: Uri[] = (workspace.workspaceFolders ?? []).map((folder) => Uri.joinPath(folder.uri, SCHEMA_FILE));
  for (const document of workspace.textDocuments) {
    if (document.languageId === language) candidates.push(Uri.joinPath(document.uri, '..', SCHEMA_FILE));
  }
  for (const uri of candidates) {
    try {
      // TextDecoder drops a UTF-8 BOM (IIS writes one).
      return { text: new TextDecoder('utf-8').decode(await workspace.fs.readFile(uri)), uri: uri.toString() };
    } catch {
      // Not there (or not readable): the next candidate.
    }
  }
  return { text: null };
}
