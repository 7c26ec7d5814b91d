// The navigation requests' wiring: outline, workspace symbols, folding, definition, references, rename and
// selection ranges, each answered by the language service on the current version of the document (their
// positions and edits carry no version, so they wait for the model of the text the client has).

import {
  ClientCapabilities, Connection, LSPErrorCodes, Location, LocationLink, ResponseError, ServerCapabilities,
} from 'vscode-languageserver';
import {
  RenameError, definition, documentSymbols, foldingRanges, prepareRename, references, rename, selectionRanges, workspaceSymbols,
} from './service';
import { DocumentStore, Snapshot, isValidPosition } from './documents';
import { InvalidParams, checkHoverParams, checkTextDocumentParams, isObject } from './params';

/** lsp.ts's wrapper of a request handler (state checks, InvalidParams, errors logged). */
export type RequestWrapper = <P, R>(name: string, handler: (params: P) => R | Promise<R>) => (params: P) => Promise<R | ResponseError<never>>;

export class Navigation {
  private linkSupport = false;
  /**
   * The outline and the folding ranges of a snapshot's text, worked out once: VS Code asks for them again
   * and again (outline, breadcrumbs, sticky scroll) while nothing changed, and on a 45 MB file each takes
   * a second or more. A text never changes once made (FrozenDocument), so its answer holds.
   */
  private readonly outlines = new WeakMap<object, ReturnType<typeof documentSymbols>>();
  private readonly foldings = new WeakMap<object, ReturnType<typeof foldingRanges>>();

  constructor(private readonly documents: DocumentStore) {}

  capabilities(client: ClientCapabilities): ServerCapabilities {
    this.linkSupport = client.textDocument?.definition?.linkSupport === true;
    return {
      documentSymbolProvider: { label: 'Metabase' },
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: client.textDocument?.rename?.prepareSupport === true ? { prepareProvider: true } : true,
      selectionRangeProvider: true,
    };
  }

  listen(connection: Connection, request: RequestWrapper): void {
    connection.onDocumentSymbol(request('textDocument/documentSymbol', async (params) => {
      checkTextDocumentParams(params);
      const at = await this.snapshot(params.textDocument.uri);
      return at ? once(this.outlines, at, () => documentSymbols(at.document, at.model)) : null;
    }));

    connection.onWorkspaceSymbol(request('workspace/symbol', async (params) => {
      checkWorkspaceSymbolParams(params);
      const found = [];
      for (const open of this.documents.all()) {
        const at = await this.snapshot(open.uri);
        // A loop, not push(...): a document can have more keys than a call has arguments.
        if (at) for (const symbol of workspaceSymbols(at.document, at.model, params.query)) found.push(symbol);
      }
      return found;
    }));

    connection.onFoldingRanges(request('textDocument/foldingRange', async (params) => {
      checkTextDocumentParams(params);
      const at = await this.snapshot(params.textDocument.uri);
      return at ? once(this.foldings, at, () => foldingRanges(at.document, at.model)) : null;
    }));

    connection.onDefinition(request('textDocument/definition', async (params): Promise<Location[] | LocationLink[] | null> => {
      checkHoverParams(params);
      const at = await this.snapshot(params.textDocument.uri);
      const links = at && definition(at.document, at.model, params.position);
      if (!links || this.linkSupport) return links ?? null;
      return links.map((l) => ({ uri: l.targetUri, range: l.targetSelectionRange }));
    }));

    connection.onReferences(request('textDocument/references', async (params) => {
      checkHoverParams(params);
      const at = await this.snapshot(params.textDocument.uri);
      return at ? references(at.document, at.model, params.position, params.context?.includeDeclaration === true) : null;
    }));

    // A rename that cannot be done answers RequestFailed with the reason, which the client shows.
    connection.onPrepareRename(request('textDocument/prepareRename', async (params) => {
      checkHoverParams(params);
      const at = await this.snapshot(params.textDocument.uri);
      return at ? refused(() => prepareRename(at.document, at.model, params.position)) : null;
    }));

    connection.onRenameRequest(request('textDocument/rename', async (params) => {
      checkRenameParams(params);
      const at = await this.snapshot(params.textDocument.uri);
      return at ? refused(() => rename(at.document, at.model, params.position, params.newName)) : null;
    }));

    connection.onSelectionRanges(request('textDocument/selectionRange', async (params) => {
      checkSelectionRangeParams(params);
      const at = await this.snapshot(params.textDocument.uri);
      return at ? selectionRanges(at.document, at.model, params.positions) : null;
    }));
  }

  /** The model of the document's current version; undefined when it is not open. Validation off (iisMetabase.enable) leaves navigation on. */
  private async snapshot(uri: string): Promise<Snapshot | undefined> {
    return this.documents.get(uri)?.currentSnapshot();
  }
}

function refused<T>(answer: () => T): T | ResponseError<never> {
  try {
    return answer();
  } catch (error) {
    if (error instanceof RenameError) return new ResponseError<never>(LSPErrorCodes.RequestFailed, error.message);
    throw error;
  }
}

function checkRenameParams(params: unknown): void {
  checkHoverParams(params);
  if (typeof (params as Record<string, unknown>).newName !== 'string') throw new InvalidParams('newName must be a string');
}

function checkSelectionRangeParams(params: unknown): void {
  checkTextDocumentParams(params);
  const { positions } = params as Record<string, unknown>;
  if (!Array.isArray(positions) || !positions.every(isValidPosition)) throw new InvalidParams('positions must be a list of positions of non-negative integers');
}

function checkWorkspaceSymbolParams(params: unknown): void {
  if (!isObject(params) || typeof params.query !== 'string') throw new InvalidParams('query must be a string');
}

/** The answer for a snapshot's text, from `cache` or made and kept there. */
function once<T>(cache: WeakMap<object, T>, at: Snapshot, make: () => T): T {
  let answer = cache.get(at.document);
  if (answer === undefined) cache.set(at.document, (answer = make()));
  return answer;
}
