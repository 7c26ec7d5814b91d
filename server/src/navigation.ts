// The navigation requests' wiring: outline, workspace symbols, folding, definition, references, rename and
// selection ranges, each answered by the language service on the current version of the document (their
// positions and edits carry no version, so they wait for the model of the text the client has). The outline
// and the folding ranges are cut to iisMetabase.maxItemsComputed (folding also to the client's rangeLimit),
// and the client is told when what is cut changes (see resultLimit.ts).

import {
  ClientCapabilities, Connection, LSPErrorCodes, Location, LocationLink, ResponseError, ServerCapabilities,
} from 'vscode-languageserver';
import {
  RenameError, definition, documentSymbols, foldingRanges, prepareRename, references, rename, selectionRanges, workspaceSymbols,
} from './service';
import { DocumentStore, Snapshot, isValidPosition } from './documents';
import { InvalidParams, checkHoverParams, checkTextDocumentParams, isObject } from './params';
import { ResultLimitParams } from './resultLimit';

/** lsp.ts's wrapper of a request handler (state checks, InvalidParams, errors logged). */
export type RequestWrapper = <P, R>(name: string, handler: (params: P) => R | Promise<R>) => (params: P) => Promise<R | ResponseError<never>>;

export class Navigation {
  private linkSupport = false;
  /** The client's most folding ranges per document (VS Code's client asks for 5000 at most). */
  private rangeLimit = Infinity;
  /**
   * The outline and the folding ranges of a snapshot's text at a limit, worked out once: VS Code asks for
   * them again and again (outline, breadcrumbs, sticky scroll) while nothing changed. A text never changes
   * once made (FrozenDocument), so its answer holds.
   */
  private readonly outlines = new WeakMap<object, Kept<ReturnType<typeof documentSymbols>>>();
  private readonly foldings = new WeakMap<object, Kept<ReturnType<typeof foldingRanges>>>();
  /** What the client was last told is cut, per open document. */
  private readonly told = new Map<string, ResultLimitParams>();

  constructor(
    private readonly documents: DocumentStore,
    /** iisMetabase.maxItemsComputed for a document. */
    private readonly maxItems: (uri: string) => Promise<number>,
    private readonly tell: (params: ResultLimitParams) => void,
  ) {}

  capabilities(client: ClientCapabilities): ServerCapabilities {
    this.linkSupport = client.textDocument?.definition?.linkSupport === true;
    const rangeLimit = client.textDocument?.foldingRange?.rangeLimit;
    this.rangeLimit = Number.isInteger(rangeLimit) && rangeLimit! >= 0 ? rangeLimit! : Infinity;
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
      const uri = params.textDocument.uri;
      const at = await this.snapshot(uri);
      if (!at) return null;
      const limit = await this.maxItems(uri);
      const kept = once(this.outlines, at, limit, (cut) => documentSymbols(at.document, at.model, { resultLimit: limit, onResultLimitExceeded: cut }));
      this.report(uri, 'outline', kept);
      return kept.answer;
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
      const uri = params.textDocument.uri;
      const at = await this.snapshot(uri);
      if (!at) return null;
      const limit = Math.min(await this.maxItems(uri), this.rangeLimit);
      const kept = once(this.foldings, at, limit, (cut) => foldingRanges(at.document, at.model, { rangeLimit: limit, onRangeLimitExceeded: cut }));
      this.report(uri, 'folding', kept);
      return kept.answer;
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

  /** A document closed: what was cut of it is forgotten, here as in the client. */
  closed(uri: string): void {
    this.told.delete(uri);
  }

  /** Tells the client when what is cut of an open document's answers changed. */
  private report(uri: string, answer: 'outline' | 'folding', kept: Kept<unknown>): void {
    if (!this.documents.get(uri)) return;
    const last = this.told.get(uri) ?? { uri };
    const limit = kept.cut ? kept.limit : undefined;
    if (last[answer] === limit) return;
    const now = { ...last, [answer]: limit };
    if (limit === undefined) delete now[answer];
    this.told.set(uri, now);
    this.tell(now);
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

/** An answer made at a limit, and whether the limit cut it. */
interface Kept<T> {
  limit: number;
  answer: T;
  cut: boolean;
}

/** The answer for a snapshot's text at `limit`, from `cache` or made (`make` calls `cut` if it was) and kept there. */
function once<T>(cache: WeakMap<object, Kept<T>>, at: Snapshot, limit: number, make: (cut: () => void) => T): Kept<T> {
  const kept = cache.get(at.document);
  if (kept?.limit === limit) return kept;
  let cut = false;
  const answer = make(() => { cut = true; });
  const made = { limit, answer, cut };
  cache.set(at.document, made);
  return made;
}
