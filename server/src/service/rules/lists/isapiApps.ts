// InProcessIsapiApps (2073, on /LM/W3SVC): the ISAPI extensions that run in the worker process even when
// applications are isolated (IIS 5 isolation mode), one full DLL path per item; IIS compares them with
// the path of the DLL it loads.

import { quoted } from '../../quote';
import { FULL_PATH } from '../scriptmaps/processor';
import { ListItem, ListSpec, ListValue, keyText, reportDuplicates, trimmed, unexpandedVariable } from './list';

export const IN_PROCESS_ISAPI_APPS: ListSpec = {
  property: 'InProcessIsapiApps', id: '2073', separator: '', format: 'C:\\path\\extension.dll',
  split: (text) => [{ start: 0, end: text.length, text }],
  check: checkIsapiApp,
  checkList: (value) => reportDuplicates(value, 'isapiapps-duplicate',
    (item) => keyText(item.fields[0]), (item) => item.fields[0],
    (text, n) => `${quoted(text.trim())} is already item ${n} of this list`),
  describe: (item) => ({ title: 'In-process ISAPI extension', rows: [['DLL', item.fields[0].text.trim(), 'runs in the worker process, never isolated']] }),
};

function checkIsapiApp(value: ListValue, item: ListItem): void {
  const path = trimmed(value, item, item.fields[0], 'path');
  if (!FULL_PATH.test(path.text) || !/\.dll$/i.test(path.text)) {
    value.report('isapiapps-path', value.fieldRange(item, path),
      (/\.dll$/i.test(path.text) ? unexpandedVariable(path.text, 'the item matches no extension') : undefined) ?? `${quoted(path.text)} is not the full path of a DLL: IIS compares the full path of the extension it loads, so this item matches nothing`);
  }
}
