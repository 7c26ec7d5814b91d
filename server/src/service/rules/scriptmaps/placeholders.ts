// Rules on a CGI program's arguments: `%s` stands for the script path (and the query), case-sensitive.

import { ScriptMapItem } from '../../model/scriptMap';
import { ScriptMapsValue } from './value';

export function checkPlaceholders(value: ScriptMapsValue, item: ScriptMapItem): void {
  const processor = item.processor!;
  if (processor.kind !== 'exe') return;
  const { args } = processor;
  let upper = args.text.indexOf('%S');
  while (upper >= 0) {
    const span = { start: args.start + upper, end: args.start + upper + 2 };
    value.report('cgi-uppercase-placeholder', value.range(item, span),
      "'%S' is not a placeholder ('%s' is case-sensitive): IIS passes it literally and the program gets no script path",
      [{ title: "Write '%s'", edits: [value.replace(item, span, '%s')], preferred: true }]);
    upper = args.text.indexOf('%S', upper + 2);
  }
  if (!/%s/i.test(args.text) && !readsScriptFromEnvironment(processor.path.text)) {
    const end = processor.field.end;
    value.report('cgi-missing-placeholder', value.range(item, processor.path),
      "the CGI program is given no '%s': it is not told which script to run",
      [{ title: 'Add the arguments "%s" %s', edits: [value.replace(item, { start: end, end }, ' "%s" %s')] }]);
  }
}

// CGI programs that take the script from the CGI environment (PATH_TRANSLATED, SCRIPT_FILENAME), not from
// their arguments: PHP's CGI, as PHP's install notes and KB Q311481 map it.
const ENVIRONMENT_CGIS: ReadonlySet<string> = new Set(['php-cgi.exe', 'php.exe']);

function readsScriptFromEnvironment(path: string): boolean {
  return ENVIRONMENT_CGIS.has(path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1).toLowerCase());
}
