// Names from the schema: the properties a key type may hold (in its start tag), and key types for a new
// key after `<`.

import { CompletionItemKind } from 'vscode-languageserver-types';
import { LOCATION } from '../model/key';
import { describeKeyType, summary } from '../hover/property';
import { PropertyFact, SchemaFacts, UNTYPED_KEY } from '../schema';
import { Quote } from '../xml/tree';
import { Choice, attributeText, snippetText } from './edit';
import { LexTag } from './place';

/**
 * The properties `tag`'s key type may hold that it does not set yet, Location first when it is missing.
 * `bare`: the name already has its `=` and value, so only the name is written.
 */
export function propertyNames(tag: LexTag, facts: SchemaFacts, bare: boolean, editing: number): Choice[] {
  const present = new Set(tag.attributes.filter((a) => a.nameStart !== editing).map((a) => a.name));
  const keyType = facts.keyType(tag.name);
  const allowed = tag.name === UNTYPED_KEY || !keyType ? facts.properties : facts.properties.filter((p) => keyType.properties.has(p.name));
  const choices: Choice[] = [];
  if (!present.has(LOCATION)) {
    choices.push({
      label: LOCATION, kind: CompletionItemKind.Property, newText: bare ? LOCATION : `${LOCATION}="$1"`, snippet: !bare,
      detail: 'the key\'s metabase path', rank: 0,
    });
  }
  for (const p of allowed) {
    if (present.has(p.name)) continue;
    choices.push({
      label: p.name, kind: CompletionItemKind.Property, detail: detail(p), documentation: summary(p),
      newText: bare ? p.name : `${p.name}="${p.default ? `\${1:${snippetText(attributeText(p.default, QUOTE))}}` : '$1'}"`,
      snippet: !bare,
    });
  }
  return choices;
}

const QUOTE: Quote = '"';

function detail(p: PropertyFact): string {
  const type = p.flags.length ? `${p.type} flag set` : p.type;
  return p.default ? `${type}, default ${p.default}` : type;
}

/** Key types for the element being named after `<`; a bare `<` gets the whole key in IIS's layout. */
export function keyTypes(facts: SchemaFacts, whole: boolean, eol: string): Choice[] {
  const names = [...facts.keyTypes.filter((k) => !k.hidden).map((k) => k.name), UNTYPED_KEY];
  return names.map((name) => ({
    label: name, kind: CompletionItemKind.Class, detail: 'key type', documentation: describeKeyType(name, facts),
    newText: whole ? `${name}\t${LOCATION} ="$1"${eol}\t>${eol}</${name}>` : name, snippet: whole,
  }));
}
