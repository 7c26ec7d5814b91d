// Rules on the IncludedVerbs fields: upper-case HTTP methods, comma-separated, none of them empty.

import { Field, ScriptMapItem } from '../../model/scriptMap';
import { clip, quoted } from '../../quote';
import { Fix } from '../finding';
import { KNOWN_METHODS, DEFAULT_VERBS, isToken, usualVerbs } from './methods';
import { ScriptMapsValue } from './value';

export function checkVerbs(value: ScriptMapsValue, item: ScriptMapItem): void {
  if (item.verbs.length === 0) {
    checkMissing(value, item);
    return;
  }
  const seen = new Set<string>();
  // Each fault has its own small fix (so that fix-all respects the rules that are off), and the whole
  // list can be tidied in one go as a second choice.
  let normalise: Fix | undefined;
  const tidy = () => (normalise ??= normaliseVerbs(value, item));
  // When every verb is empty (`5,`, `5,,`) the list is empty, and an empty IncludedVerbs, like none, lets
  // every verb through (metabase.md): dropping them all, the comma after the flags included, keeps that.
  for (const verb of item.verbs) {
    const name = verb.text.trim();
    const upper = name.toUpperCase();
    // The usual case first: a known method as IIS writes it, listed once.
    if (name === verb.text && name === upper && KNOWN_METHODS.has(name) && !seen.has(upper)) {
      seen.add(upper);
      continue;
    }
    const range = () => value.range(item, verb);
    if (upper === 'ALL') {
      // The dialog's "All verbs" label: its fix drops the list, so no case, space or unknown-verb finding besides.
      value.report('verb-all', range(), `no HTTP method is called ${quoted(name)}: for all verbs, write no verb list`, [dropVerbList(value, item)]);
      continue;
    }
    if (name === '') {
      value.report('verb-empty', range(), verb.end === item.item.value.text.length && verb.text === ''
        ? 'a trailing comma leaves an empty verb'
        : 'an empty verb between two commas', [dropVerb(value, item, verb, 'Remove the empty verb', true), tidy()]);
      continue;
    }
    const nameStart = verb.start + verb.text.length - verb.text.trimStart().length;
    const nameSpan = { start: nameStart, end: nameStart + name.length };
    if (name !== verb.text) {
      value.report('verb-spaces', range(), `the verb ${quoted(name)} has white space around it, so it may never match a request`,
        [{ title: `Trim the verb ${quoted(name)}`, edits: value.rewrite(item, verb, name), preferred: true }, tidy()]);
    }
    if (seen.has(upper)) {
      value.report('verb-duplicate', range(), `${quoted(name)} is already listed in this item`,
        [dropVerb(value, item, verb, `Remove the repeated ${quoted(name)}`, true), tidy()]);
      continue;
    }
    seen.add(upper);
    if (name !== upper && KNOWN_METHODS.has(upper)) {
      value.report('verb-case', range(), `HTTP methods are case-sensitive: ${quoted(name)} does not match ${upper} requests`,
        [{ title: `Write '${upper}'`, edits: value.rewrite(item, nameSpan, upper), preferred: true }, tidy()]);
    } else if (!isToken(name)) {
      value.report('verb-invalid', range(), `${quoted(name)} is not a valid HTTP method, so it can never match a request`, [removeVerb(value, item, verb)]);
    } else if (!KNOWN_METHODS.has(name)) {
      value.report('verb-unknown', range(), `${quoted(name)} is not a known HTTP or WebDAV method`, [removeVerb(value, item, verb)]);
    }
  }
}

function checkMissing(value: ScriptMapsValue, item: ScriptMapItem): void {
  // IIS Manager's wildcard dialog has no verb field: a wildcard map without verbs is what it writes.
  if (item.extension.text.trim() === '*') return;
  const end = item.item.value.text.length;
  const usual = usualVerbs(item.extension.text);
  // Choosing the verbs changes what the mapping handles: offered, never applied by fix-all.
  const add = (verbs: string): Fix => ({ title: `Add the verbs ${verbs}`, edits: [value.replace(item, { start: end, end }, `,${verbs}`)] });
  value.report('verbs-missing', value.itemRange(item),
    'this item lists no verbs, so IIS hands every HTTP verb to the processor (advice: list the verbs it should handle)',
    usual === DEFAULT_VERBS ? [add(DEFAULT_VERBS)] : [add(usual), add(DEFAULT_VERBS)]);
}

/** The whole list tidied: trimmed, known methods in upper case, no empty or repeated verb. */
function normaliseVerbs(value: ScriptMapsValue, item: ScriptMapItem): Fix {
  const verbs: string[] = [];
  const seen = new Set<string>();
  for (const verb of item.verbs) {
    const name = verb.text.trim();
    const upper = name.toUpperCase();
    if (name === '' || seen.has(upper)) continue;
    seen.add(upper);
    verbs.push(KNOWN_METHODS.has(upper) ? upper : name);
  }
  const list = verbs.length ? verbs.join(',') : usualVerbs(item.extension.text);
  const first = item.verbs.at(0)!;
  const last = item.verbs.at(item.verbs.length - 1)!;
  return {
    title: verbs.length ? `Normalise the verbs to ${clip(list)}` : `Write the verbs ${list}`,
    edits: [value.replace(item, { start: first.start, end: last.end }, list)],
  };
}

/** Three fields, no verb list: all verbs, which is what 'All' meant. */
function dropVerbList(value: ScriptMapsValue, item: ScriptMapItem): Fix {
  const first = item.verbs.at(0)!;
  const last = item.verbs.at(item.verbs.length - 1)!;
  return { title: 'Remove the verb list (all verbs)', edits: [value.replace(item, { start: first.start - 1, end: last.end }, '')], preferred: true };
}

/** Removes a verb with the comma before it (a verb always follows a comma). */
function dropVerb(value: ScriptMapsValue, item: ScriptMapItem, verb: Field, title: string, preferred?: boolean): Fix {
  return { title, edits: [value.replace(item, { start: verb.start - 1, end: verb.end }, '')], preferred };
}

function removeVerb(value: ScriptMapsValue, item: ScriptMapItem, verb: Field): Fix {
  const name = verb.text.trim();
  if (item.verbs.length === 1) {
    // Removing the only verb would leave an item that allows every verb.
    const usual = usualVerbs(item.extension.text);
    return { title: `Replace ${quoted(name)} with ${usual}`, edits: [value.replace(item, verb, usual)] };
  }
  return dropVerb(value, item, verb, `Remove the verb ${quoted(name)}`);
}
