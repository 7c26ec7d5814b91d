// WebSvcExtRestrictionList (2168, on /LM/W3SVC): `Allow,Path,UIDeletable,GroupID,Description` (the last
// three optional), plus the catch-alls `0,*.dll` and `0,*.exe` for every ISAPI extension or CGI program
// that no item names. A CGI item's path repeats the program with its arguments, as its script map has it.
// Whether the processor of each script map is allowed here is a check across keys, not one of these.

import { Field, splitFields } from '../../model/multisz';
import { quoted } from '../../quote';
import { FULL_PATH } from '../scriptmaps/processor';
import { ListItem, ListSpec, ListValue, keyText, reportDuplicates, trimmed, unexpandedVariable } from './list';

const CATCH_ALL = /^\*\.(dll|exe)$/i;

export const WEB_SVC_EXT_RESTRICTION_LIST: ListSpec = {
  property: 'WebSvcExtRestrictionList', id: '2168', separator: ',', format: 'Allow,Path[,UIDeletable,GroupID,Description]',
  split: (text) => splitFields(text, ',', 5),
  check: checkRestriction,
  checkList: (value) => reportDuplicates(value, 'restriction-duplicate',
    (item) => item.fields.length >= 2 ? keyText(item.fields[1]) : undefined, (item) => item.fields[1],
    (text, n) => `${quoted(text.trim())} is already item ${n} of this list; which of the two IIS applies is not documented`),
  describe: (item) => {
    const [allow, path, deletable, group, description] = item.fields.map((f) => f.text.trim());
    const catchAll = CATCH_ALL.exec(path ?? '');
    return {
      title: 'Web service extension',
      rows: [
        ['Allowed', allow, allow === '1' ? 'allowed' : allow === '0' ? 'prohibited: requests answer 404.2' : undefined],
        ['Path', path, catchAll ? `every ${catchAll[1].toLowerCase() === 'dll' ? 'ISAPI extension' : 'CGI program'} that no item names` : undefined],
        ['UI deletable', deletable, deletable === '0' ? 'IIS Manager does not let it be deleted' : deletable === '1' ? 'IIS Manager may delete it' : undefined],
        ['Group ID', group, 'ApplicationDependencies refer to it'],
        ['Description', description, 'shown in IIS Manager'],
      ],
    };
  },
};

/** The program a path field names: inside its quotes, or up to the .dll or .exe that arguments follow. */
export function programOf(path: string): string {
  if (path.startsWith('"')) {
    const close = path.indexOf('"', 1);
    return path.slice(1, close < 0 ? undefined : close);
  }
  const end = /\.(dll|exe)(?=\s|$)/i.exec(path);
  return end ? path.slice(0, end.index + 4) : path;
}

function checkRestriction(value: ListValue, item: ListItem): void {
  if (item.fields.length < 2) {
    value.report('restriction-field-count', value.itemRange(item),
      `${quoted(item.item.value.text)} names no path: IIS needs Allow,Path[,UIDeletable,GroupID,Description] and cannot read it`);
    return;
  }
  const allow = trimmed(value, item, item.fields[0], 'allow flag');
  const path = trimmed(value, item, item.fields[1], 'path');
  if (allow.text !== '0' && allow.text !== '1') {
    value.report('restriction-allow', value.fieldRange(item, allow),
      `the allow flag ${quoted(allow.text)} is neither 1 (allowed) nor 0 (prohibited): IIS cannot read the item, and the extension answers 404.2`);
  }
  checkPath(value, item, path);
  const deletable: Field | undefined = item.fields[2] && trimmed(value, item, item.fields[2], 'UIDeletable flag');
  if (deletable && deletable.text !== '0' && deletable.text !== '1') {
    value.report('restriction-deletable', value.fieldRange(item, deletable),
      `the UIDeletable flag ${quoted(deletable.text)} is neither 0 nor 1: IIS Manager cannot tell whether the extension may be deleted`);
  }
}

function checkPath(value: ListValue, item: ListItem, path: Field): void {
  if (CATCH_ALL.test(path.text)) return;
  const program = programOf(path.text);
  if (path.text === '' || !FULL_PATH.test(program)) {
    value.report('restriction-path', value.fieldRange(item, path),
      path.text === '' ? 'the item names no extension: it allows or prohibits nothing'
        : unexpandedVariable(program, 'the item matches nothing') ?? `${quoted(program)} is neither a full path nor '*.dll' / '*.exe': IIS compares the full path of the program it loads, so this item matches nothing`);
  }
}
