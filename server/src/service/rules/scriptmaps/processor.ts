// Rules on the ScriptProcessor field: the full path of an ISAPI .dll or a CGI .exe (with its arguments).

import { ScriptMapItem } from '../../model/scriptMap';
import { quoted } from '../../quote';
import { ScriptMapsValue } from './value';

export const FULL_PATH = /^([A-Za-z]:[\\/]|\\\\[^\\]+\\)/;
// `\\server\share\...`, but not the local device paths `\\?\C:\...` and `\\.\C:\...`.
const UNC = /^\\\\(?![?.]\\)/;
const ENVIRONMENT_VARIABLE = /%[A-Za-z_][A-Za-z0-9_()]*%/;

/** Checks the processor; returns false when the item cannot be read further (flags and verbs are then unreliable). */
export function checkProcessor(value: ScriptMapsValue, item: ScriptMapItem): boolean {
  const processor = item.processor!;
  const { path } = processor;
  if (item.commaInPath) {
    value.report('processor-comma', value.range(item, item.commaInPath),
      'the path contains a comma: IIS splits items at commas and cuts the path there (use the 8.3 short name of the folder)');
    return false;
  }
  if (processor.field.text.trim() === '') {
    value.report('processor-empty', value.range(item, processor.field), 'the script processor is empty: IIS has nothing to run and answers HTTP 500');
    return false;
  }
  checkSpaces(value, item);
  if (processor.unclosedQuote) {
    const end = /\.(dll|exe)(?=\s|$)/i.exec(path.text);
    const fixes = end
      ? [{ title: 'Close the quote after the program name', edits: [value.replace(item, { start: path.start + end.index + 4, end: path.start + end.index + 4 }, '"')], preferred: true }]
      : [];
    value.report('processor-unclosed-quote', value.range(item, { start: path.start - 1, end: path.end }),
      'the quoted path has no closing quote: IIS cannot tell where the path ends', fixes);
    return false;
  }
  if (UNC.test(path.text)) {
    value.report('processor-unc', value.range(item, path),
      `${quoted(path.text)} is on a network share: IIS 6 requires the script processor on the Web server's local disk`);
  }
  const variable = ENVIRONMENT_VARIABLE.exec(path.text);
  if (variable) {
    value.report('processor-environment-variable', value.range(item, { start: path.start + variable.index, end: path.start + variable.index + variable[0].length }),
      `${quoted(variable[0])} is not expanded by the metabase (ScriptMaps is not an expandable string); write the full path`);
  } else if (!FULL_PATH.test(path.text)) {
    value.report('processor-relative', value.range(item, path),
      `${quoted(path.text)} is not a full path: IIS does not find the module and answers HTTP 500`);
  }
  if (!processor.quoted && /\s/.test(path.text)) checkUnquoted(value, item);
  if (processor.kind === 'other') {
    value.report('processor-not-dll-or-exe', value.range(item, path),
      `${quoted(path.text)} is neither an ISAPI extension (.dll) nor a CGI program (.exe): IIS runs it as a CGI, which the '*.exe' entry of WebSvcExtRestrictionList governs`);
  } else if (processor.kind === 'dll' && processor.args.text !== '') {
    value.report('dll-arguments', value.range(item, processor.args),
      'an ISAPI extension takes no arguments; IIS may look for a file whose name includes them', [{
        title: 'Remove the arguments',
        edits: [value.replace(item, { start: processor.quoted ? path.end + 1 : path.end, end: processor.args.end }, '')],
        preferred: true,
      }]);
  }
  return true;
}

/** White space after the comma before the processor or before the comma after it (`.htm, C:\x.dll, 5`). */
function checkSpaces(value: ScriptMapsValue, item: ScriptMapItem): void {
  const { field } = item.processor!;
  const lead = field.text.length - field.text.trimStart().length;
  const trail = field.text.length - field.text.trimEnd().length;
  if (lead === 0 && trail === 0) return;
  const edits = [];
  if (lead > 0) edits.push(value.replace(item, { start: field.start, end: field.start + lead }, ''));
  if (trail > 0) edits.push(value.replace(item, { start: field.end - trail, end: field.end }, ''));
  value.report('processor-spaces', value.range(item, field),
    'the script processor has white space around it: IIS Manager writes none, and whether IIS trims it is not documented',
    [{ title: 'Trim the script processor', edits, preferred: true }]);
}

function checkUnquoted(value: ScriptMapsValue, item: ScriptMapItem): void {
  const { path, kind } = item.processor!;
  // A path that holds a quote already cannot be quoted as a whole: what was meant is unclear.
  const quote = (preferred: boolean) => path.text.includes('"') ? [] : [{
    title: 'Put the path in quotes', edits: [value.replace(item, { start: path.start, end: path.start }, '"'), value.replace(item, { start: path.end, end: path.end }, '"')], preferred,
  }];
  if (kind === 'exe') {
    value.report('unquoted-exe-path', value.range(item, path),
      'the CGI path contains spaces and is not in quotes: IIS cannot tell where the program ends and its arguments begin', quote(true));
  } else if (kind === 'dll') {
    // Whether IIS accepts quotes around a DLL path is not documented, so quoting is offered, never applied by fix-all.
    value.report('unquoted-dll-path', value.range(item, path),
      'the DLL path contains spaces: IIS Manager refuses it ("You must enter a valid file path"); use the 8.3 short name or quote it', quote(false));
  }
}
