// Completion: property names of the key type in a start tag (also while it is being typed and broken),
// values from the schema and from the keys of the file, key types after `<`, and ScriptMaps items.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionList, Position } from 'vscode-languageserver-types';
import { MetabaseModel } from '../languageService';
import { LOCATION, SCRIPT_MAPS, SCRIPT_MAPS_ID } from '../model/key';
import { SchemaFacts } from '../schema';
import { documentLineBreak } from '../model/multisz';
import { DecodedText } from '../xml/entities';
import { attributeText, toItems } from './edit';
import { keyTypes, propertyNames } from './names';
import { LexAttribute, LexTag, Place, placeAt } from './place';
import { scriptMapChoices } from './scriptMaps';
import { Choices, boolValues, flagNames, locationSteps, poolNames } from './values';

/** What the server declares: each opens a place where completion helps. */
export const COMPLETION_TRIGGERS = ['<', ' ', '"', "'", '|', ',', '/'];

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/**
 * The completions at `position` of `document`. `trigger`: the character whose typing asked for them; a
 * space only asks where a name may start or in a flag set (not inside a processor path, say). `built`: the
 * text the model was built from, when it is an older version (a server answers from the last model built
 * rather than wait for the next): only the keys of the file (pools, Locations) are read from the model.
 */
export function completion(document: TextDocument, model: MetabaseModel, position: Position, trigger?: string, built: TextDocument = document): CompletionList {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const place = placeAt(text, offset);
  if (!place) return EMPTY;
  const facts = model.checker.facts;
  const found = choicesAt(text, { model, text: built.getText() }, facts, place, offset);
  if (!found || (trigger === ' ' && !spaceAsks(place, facts))) return EMPTY;
  return { isIncomplete: found.incomplete === true, items: toItems(document, found.start, found.end, found.choices) };
}

/** The model and the text it was built from. */
interface Built {
  model: MetabaseModel;
  text: string;
}

function spaceAsks(place: Place, facts: SchemaFacts): boolean {
  return place.kind === 'attributeName' || (place.kind === 'value' && (facts.property(place.attribute.name)?.flags.length ?? 0) > 0);
}

function choicesAt(text: string, built: Built, facts: SchemaFacts, place: Place, offset: number): Choices | undefined {
  switch (place.kind) {
    case 'tagName': {
      if (!place.key) return undefined;
      // Only `<` and a name on the line so far: the whole key is written.
      const whole = place.tag.attributes.length === 0 && /^[ \t]*(\r|\n|$)/.test(text.slice(place.end, place.end + 2));
      return { start: place.start, end: place.end, choices: keyTypes(facts, whole, documentLineBreak(text)) };
    }
    case 'attributeName':
      if (!place.tag.key) return undefined;
      return { start: place.start, end: place.end, choices: propertyNames(place.tag, facts, place.hasValue, place.start) };
    case 'value':
      return valueChoices(text, built, facts, place.tag, place.attribute, offset);
  }
}

function valueChoices(text: string, built: Built, facts: SchemaFacts, tag: LexTag, value: LexAttribute, offset: number): Choices | undefined {
  let name = value.name;
  if (tag.name === 'Custom' && !tag.key) {
    // A property stored by ID: the Value of <Custom ID="..">.
    if (name !== 'Value') return undefined;
    const id = tag.attributes.find((a) => a.name === 'ID' && a.quote);
    const idText = id && DecodedText.decode(text, id.valueStart, id.valueEnd).text.trim();
    if (!idText || !/^\d+$/.test(idText)) return undefined;
    name = idText === SCRIPT_MAPS_ID ? SCRIPT_MAPS : facts.propertyById(Number(idText))?.name ?? '';
  } else if (!tag.key) return undefined;
  if (name === SCRIPT_MAPS) return scriptMapChoices(text, value, offset);
  if (name === LOCATION && tag.key) {
    const rawTyped = text.slice(value.valueStart, offset);
    const slash = rawTyped.lastIndexOf('/');
    // Steps are matched decoded; an entity still being typed (`R&a`, `R&amp`) is no character yet.
    const complete = rawTyped.replace(/&[#\w]*$/, '');
    const typed = DecodedText.decode(text, value.valueStart, value.valueStart + complete.length).text;
    let end = offset;
    while (end < value.valueEnd && text[end] !== '/') end++;
    const found = locationSteps(built.text, built.model, typed, DecodedText.decode(text, value.valueStart, value.valueEnd).text);
    const choices = found.choices.map((c) => ({ ...c, newText: attributeText(c.newText, value.quote!) }));
    return { start: slash < 0 ? value.valueStart : value.valueStart + slash + 1, end, choices, incomplete: found.incomplete };
  }
  if (name === 'AppPoolId') return { start: value.valueStart, end: value.valueEnd, choices: poolNames(built.text, built.model, value.quote!) };
  const property = facts.property(name);
  if (property?.flags.length) return flagNames(text, value, offset, property);
  if (property?.type === 'BOOL') return boolValues(value, offset);
  return undefined;
}
