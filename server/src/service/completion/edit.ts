// What every completion needs to write its text: the range it replaces, XML escaping inside an
// attribute, and snippet escaping on top of it.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import { encodeAttributeText } from '../xml/entities';
import { Quote } from '../xml/tree';

export interface Choice {
  label: string;
  kind: CompletionItemKind;
  /** The raw text written into the document. */
  newText: string;
  detail?: string;
  documentation?: string;
  snippet?: boolean;
  /** What the client filters on, when not the raw text written (by default). */
  filterText?: string;
  /** Sorts before the others in the order given. */
  rank?: number;
}

/** The completion items replacing [start, end) of the document. */
export function toItems(document: TextDocument, start: number, end: number, choices: Choice[]): CompletionItem[] {
  const range = { start: document.positionAt(start), end: document.positionAt(end) };
  return choices.map((c) => {
    const item: CompletionItem = { label: c.label, kind: c.kind, textEdit: { range, newText: c.newText } };
    if (c.detail) item.detail = c.detail;
    if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
    if (c.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    // The client filters on the text of the range as typed: raw, entities included.
    if (c.filterText !== undefined) item.filterText = c.filterText;
    else if (c.newText !== c.label && !c.snippet) item.filterText = c.newText;
    if (c.rank !== undefined) item.sortText = `0${String(c.rank).padStart(4, '0')}`;
    return item;
  });
}

/** `value` as it can stand inside an attribute delimited by `quote`. */
export function attributeText(value: string, quote: Quote): string {
  return encodeAttributeText(value, quote);
}

/** Literal text inside a snippet: `$`, `}` and `\` are the snippet syntax's own. */
export function snippetText(value: string): string {
  return value.replace(/[$}\\]/g, (c) => `\\${c}`);
}
