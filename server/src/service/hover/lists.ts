// The hover on an item of a list property other than ScriptMaps: the item's fields in a table, as the
// script map hover has them, with what each means.

import { MetabaseKey } from '../model/key';
import { splitMultisz } from '../model/multisz';
import { listsOf } from '../rules/lists';
import { code } from './describe';

export interface ListTopic {
  markdown: string;
  start: number;
  end: number;
}

/** The topic of the list item at `offset` (inside a list property's value), if any. */
export function listItemTopic(text: string, key: MetabaseKey, offset: number): ListTopic | undefined {
  for (const { spec, value } of listsOf(key)) {
    if (offset < value.valueStart || offset > value.valueEnd) continue;
    const line = splitMultisz(text, value.valueStart, value.valueEnd)
      .find((l) => offset >= l.start && offset <= l.end && l.value.text.trim() !== '');
    if (!line) return undefined;
    const { title, rows } = spec.describe({ item: line, fields: spec.split(line.value.text) });
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    const table = rows.map(([field, fieldText, meaning]) =>
      `| ${field} | ${cell(fieldText === undefined ? '(missing)' : code(fieldText))}${meaning ? ` | ${cell(meaning)}` : ' | '} |`);
    const markdown = [`**${title}** (${spec.property}: \`${spec.format}\`)`, '', '| Field | Value | |', '| --- | --- | --- |', ...table].join('\n');
    return { markdown, start: line.start, end: line.end };
  }
  return undefined;
}
