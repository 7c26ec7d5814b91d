// Rules on an item as a whole: items too short to parse (blank ones are checkBlankItems', for every list).

import { ScriptMapsValue } from './value';

/** Reports items with fewer than three fields; returns false for them so that no other rule looks at them. */
export function checkFieldCount(value: ScriptMapsValue, item: ScriptMapsValue['items'][number]): boolean {
  if (item.flags || item.commaInPath) return true; // a comma in the path is the real fault: its rule says so
  value.report('item-too-few-fields', value.itemRange(item),
    `this item has ${item.fields.length} field${item.fields.length === 1 ? '' : 's'}; IIS needs Extension,ScriptProcessor,Flags[,Verbs] and answers HTTP 500`);
  return false;
}
