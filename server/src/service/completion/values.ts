// Values of properties: the flag names of a flag set, TRUE/FALSE, application pool names for AppPoolId,
// and the next step of a Location from the keys of the file. Each returns its choices with the raw range
// they replace.

import { CompletionItemKind } from 'vscode-languageserver-types';
import { MetabaseModel } from '../model/document';
import { foldCase, locationPath, normalLocation } from '../model/summary';
import { PropertyFact } from '../schema';
import { Quote } from '../xml/tree';
import { Choice, attributeText } from './edit';
import { LexAttribute } from './place';

export interface Choices {
  start: number;
  end: number;
  choices: Choice[];
  /** More would match: the client asks again as the word grows. */
  incomplete?: boolean;
}

const NAME_CHAR = /[A-Za-z0-9_]/;

/** The flag names not yet in the set, for the name being typed after `"` or `|`. */
export function flagNames(text: string, value: LexAttribute, offset: number, property: PropertyFact): Choices {
  let start = offset;
  while (start > value.valueStart && NAME_CHAR.test(text[start - 1])) start--;
  let end = offset;
  while (end < value.valueEnd && NAME_CHAR.test(text[end])) end++;
  const others = new Set([...text.slice(value.valueStart, start).split('|'), ...text.slice(end, value.valueEnd).split('|')].map((t) => t.trim()));
  // Right after a `|`: the spaces IIS writes around it. A `|` glued to the name before it is written
  // again as ` | ` (the range starts at it, and the client filters on `|` and the name).
  const after = text[start - 1] === '|';
  const glued = after && start - 1 > value.valueStart && !/\s/.test(text[start - 2]);
  const from = glued ? start - 1 : start;
  const lead = glued ? ' | ' : after ? ' ' : '';
  const choices = [...property.flags].sort((a, b) => a.value - b.value).filter((f) => !others.has(f.name)).map((f, rank): Choice => ({
    label: f.name, kind: CompletionItemKind.EnumMember, newText: lead + f.name, detail: `${property.name} flag ${f.value}`, rank,
    ...(glued ? { filterText: `|${f.name}` } : {}),
  }));
  return { start: from, end, choices };
}

export function boolValues(value: LexAttribute, offset: number): Choices {
  return {
    start: value.valueStart, end: Math.max(offset, value.valueEnd),
    choices: ['TRUE', 'FALSE'].map((label, rank) => ({ label, kind: CompletionItemKind.Value, newText: label, rank })),
  };
}

const POOLS = '/lm/w3svc/apppools/';

/** The application pools of the file: the keys one level under /LM/W3SVC/AppPools (`text`: the model's). */
export function poolNames(text: string, model: MetabaseModel, quote: Quote): Choice[] {
  const choices: Choice[] = [];
  for (const location of below(model, POOLS)) {
    if (!location.startsWith(POOLS) || location.length === POOLS.length || location.indexOf('/', POOLS.length) >= 0) continue;
    const key = model.index.keysAt(location)[0];
    const path = locationPath(text, key.start, key.key!)!;
    const name = path.slice(POOLS.length).replace(/\/+$/, '');
    choices.push({ label: name, kind: CompletionItemKind.Reference, newText: attributeText(name, quote), detail: `${key.key!.type} ${path}` });
  }
  return choices;
}

/**
 * Present Locations that include every Location below `dir` (case folded, ending with `/`) that has no
 * present ancestor below `dir` itself: the children of the nearest Location present at or above it.
 */
function below(model: MetabaseModel, dir: string): readonly string[] {
  let d = dir.length > 1 ? dir.slice(0, -1) : dir;
  for (;;) {
    if (model.index.keysAt(d).length > 0) return model.index.childrenOf(d);
    const slash = d.lastIndexOf('/');
    if (slash < 0 || d === '/') return model.index.childrenOf(undefined);
    d = slash === 0 ? '/' : d.slice(0, slash);
  }
}

/** At most this many Location steps are sent at once (a server may have 10,000 sites under /LM/W3SVC/). */
const MAX_STEPS = 200;

/**
 * The next step of a Location: the names that follow the path typed up to its last `/` among the keys of
 * the file (`/LM/W3SVC/1/` gives ROOT, ...) and start as the step typed so far does, each with its key
 * type when a key has exactly that path. `text` is the text the model was built from.
 */
export function locationSteps(text: string, model: MetabaseModel, typed: string, current: string): { choices: Choice[]; incomplete: boolean } {
  const slash = typed.lastIndexOf('/');
  // Nothing typed yet (or no `/`): the first step, written with its leading `/`.
  const dir = slash < 0 ? '/' : typed.slice(0, slash + 1);
  const lead = slash < 0 ? '/' : '';
  const prefix = foldCase(dir);
  const partial = prefix + foldCase(typed.slice(slash + 1));
  const editing = normalLocation(current);
  const steps = new Map<string, Choice>();
  let incomplete = false;
  for (const location of below(model, prefix)) {
    if (!location.startsWith(partial) || location.length === prefix.length) continue;
    const keys = model.index.keysAt(location);
    // The key being written is no step of its own.
    if (location === editing && keys.length === 1) continue;
    const stop = location.indexOf('/', prefix.length);
    const step = location.slice(prefix.length, stop < 0 ? location.length : stop);
    const exact = stop < 0;
    const known = steps.get(step);
    if (known && (!exact || known.detail)) continue;
    if (!known && steps.size >= MAX_STEPS) {
      incomplete = true;
      break;
    }
    const key = keys[0];
    const written = locationPath(text, key.start, key.key!)!.slice(prefix.length, prefix.length + step.length);
    steps.set(step, { label: written, kind: CompletionItemKind.Folder, newText: lead + written, detail: exact ? key.key!.type : known?.detail });
  }
  return { choices: [...steps.values()], incomplete };
}
