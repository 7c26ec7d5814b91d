// Find references of a key: the AppPoolId values that name it (for a pool) and the AppRoot values that name
// its path; asked on one of those values, the references of the key it names. The declaration is the first
// key's Location at that path.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { Location, Position } from 'vscode-languageserver-types';
import { MetabaseModel } from '../languageService';
import { Span, attributes, firstKeyAt, keyAt, linkOf, links, locationSpan, nameSpan, range, within } from './keys';

export function references(document: TextDocument, model: MetabaseModel, position: Position, includeDeclaration: boolean): Location[] | null {
  const text = document.getText();
  const target = targetAt(text, model, document.offsetAt(position));
  if (target === undefined) return null;
  const spans: Span[] = [];
  for (const link of links(text, model)) {
    if (link.target === target) spans.push({ start: link.value.valueStart, end: link.value.valueEnd });
  }
  const declaration = includeDeclaration ? firstKeyAt(model, target) : undefined;
  const declared = declaration && locationSpan(declaration);
  if (declared) {
    let at = 0;
    while (at < spans.length && spans[at].start < declared.start) at++;
    spans.splice(at, 0, declared);
  }
  return spans.map((span) => ({ uri: document.uri, range: range(document, span) }));
}

/** The normalised Location whose references are asked for at `offset`. */
function targetAt(text: string, model: MetabaseModel, offset: number): string | undefined {
  const segment = keyAt(text, model, offset);
  if (!segment) return undefined;
  for (const attribute of attributes(segment)) {
    if (within(offset, { start: attribute.valueStart, end: attribute.valueEnd })) return linkOf(text, segment, attribute)?.target;
  }
  const location = segment.key.location;
  const on = [locationSpan(segment), nameSpan(segment)].some((span) => span && within(offset, span));
  return on && location ? location.key : undefined;
}
