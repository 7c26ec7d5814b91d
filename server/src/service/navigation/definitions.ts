// Go to definition: from an AppPoolId to its pool's key (/LM/W3SVC/AppPools/<name>, ignoring case), from an
// AppRoot to the key at that path, and from a key (its element name or Location) to its parent key and to
// the key whose ScriptMaps apply to it (for a key with its own list: the list it replaces).

import { TextDocument } from 'vscode-languageserver-textdocument';
import { LocationLink, Position } from 'vscode-languageserver-types';
import { MetabaseModel } from '../languageService';
import { scriptMapsDefinition } from '../inheritance';
import {
  KeySegment, Span, attributes, firstKeyAt, isKey, keyAt, keySpan, linkOf, locationSpan, nameSpan, range, selectionSpan, within,
} from './keys';

export function definition(document: TextDocument, model: MetabaseModel, position: Position): LocationLink[] | null {
  const links = [...keyLinks(document, model, position) ?? []];
  for (const maps of scriptMapsDefinition(document, model, position)) {
    links.push({ originSelectionRange: links[0]?.originSelectionRange, targetUri: maps.uri, targetRange: maps.range, targetSelectionRange: maps.range });
  }
  return links.length ? links : null;
}

function keyLinks(document: TextDocument, model: MetabaseModel, position: Position): LocationLink[] | null {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const segment = keyAt(text, model, offset);
  if (!segment) return null;
  for (const attribute of attributes(segment)) {
    if (!within(offset, { start: attribute.valueStart, end: attribute.valueEnd })) continue;
    const link = linkOf(text, segment, attribute);
    const target = link && firstKeyAt(model, link.target);
    return target ? [linkTo(document, target, { start: attribute.valueStart, end: attribute.valueEnd })] : null;
  }
  const origin = [locationSpan(segment), nameSpan(segment)].find((span) => span && within(offset, span));
  const location = segment.key.location;
  if (!origin || !location) return null;
  const parent = model.index.parentKey(location.key);
  return parent && isKey(parent) ? [linkTo(document, parent, origin)] : null;
}

function linkTo(document: TextDocument, target: KeySegment, origin: Span): LocationLink {
  const text = document.getText();
  return {
    originSelectionRange: range(document, origin),
    targetUri: document.uri,
    targetRange: range(document, keySpan(text, target)),
    targetSelectionRange: range(document, selectionSpan(target)),
  };
}
