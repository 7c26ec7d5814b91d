// asp.dll mappings must pass GET: without it every page request answers 403.1 "Execute Access Forbidden"
// (KB Q284930, Q304916).

import { ScriptMapItem } from '../../model/scriptMap';
import { ScriptMapsValue } from './value';

const NOT_TOKEN = /[^!#$%&'*+\-.^_`|~0-9A-Z]+/;
const ASP_EXTENSIONS: ReadonlySet<string> = new Set(['.asp', '.asa', '.cer', '.cdx']);

function isAspMapping(item: ScriptMapItem): boolean {
  const path = item.processor!.path.text;
  const file = path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1).toLowerCase();
  return file === 'asp.dll' || ASP_EXTENSIONS.has(item.extension.text.trim().toLowerCase());
}

export function checkAspGet(value: ScriptMapsValue, item: ScriptMapItem): void {
  // No verb list passes every verb (verbs-missing). A list of empty verbs, one with 'All', or GET written
  // badly (`get`, `GET;HEAD`) has its own rule, whose fix ends with a list that holds GET.
  let allEmpty = true;
  for (const verb of item.verbs) {
    const name = verb.text.trim().toUpperCase();
    if (name === 'ALL' || name.split(NOT_TOKEN).includes('GET')) return;
    allEmpty &&= name === '';
  }
  if (allEmpty || !isAspMapping(item)) return;
  const first = item.verbs.at(0)!;
  const last = item.verbs.at(item.verbs.length - 1)!;
  value.report('asp-missing-get', value.range(item, { start: first.start, end: last.end }),
    'this ASP mapping does not pass GET: page requests answer 403.1 "Execute Access Forbidden"',
    // An ASP mapping that refuses GET serves no page: adding it restores the evident intent.
    [{ title: 'Add GET to the verbs', edits: [value.replace(item, { start: first.start, end: first.start }, 'GET,')], preferred: true }]);
}
