// ApplicationDependencies (2167, on /LM/W3SVC): `Application name;GroupID[,GroupID...]`, the web service
// extensions (by the GroupID of their WebSvcExtRestrictionList items) that an application needs; IIS
// Manager's "Allow all web service extensions for a specific application" allows them together.

import { splitFields } from '../../model/multisz';
import { quoted } from '../../quote';
import { ListItem, ListSpec, ListValue, keyText, reportDuplicates, trimmed } from './list';

export const APPLICATION_DEPENDENCIES: ListSpec = {
  property: 'ApplicationDependencies', id: '2167', separator: ';', format: 'Application name;GroupID[,GroupID...]',
  split: (text) => splitFields(text, ';', 2),
  check: checkDependency,
  checkList: (value) => reportDuplicates(value, 'dependencies-duplicate',
    (item) => keyText(item.fields[0]), (item) => item.fields[0],
    (text, n) => `the application ${quoted(text.trim())} is already item ${n} of this list; which of its lists IIS Manager uses is not documented`),
  describe: (item) => ({
    title: 'Application dependency',
    rows: [
      ['Application', item.fields[0].text.trim()],
      ['Group IDs', item.fields[1]?.text.trim(), 'the GroupID of WebSvcExtRestrictionList items it needs'],
    ],
  }),
};

function checkDependency(value: ListValue, item: ListItem): void {
  if (item.fields.length < 2) {
    value.report('dependencies-format', value.itemRange(item),
      `${quoted(item.item.value.text)} has no ';': IIS needs Application name;GroupID[,GroupID...], so the application depends on nothing`);
    return;
  }
  const name = trimmed(value, item, item.fields[0], 'application name');
  if (name.text === '') value.report('dependencies-format', value.fieldRange(item, name), 'the item names no application before its \';\'');
  const groups = item.fields[1];
  for (const field of splitFields(groups.text, ',')) {
    const group = { start: groups.start + field.start, end: groups.start + field.end, text: field.text };
    const id = trimmed(value, item, group, 'group ID');
    if (id.text === '') value.report('dependencies-format', value.range(item, id), 'an empty group ID: two commas in a row, or none after the \';\'');
  }
}
