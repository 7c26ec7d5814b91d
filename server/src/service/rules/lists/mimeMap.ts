// MimeMap (6015): `.ext,type/subtype`, one MIME type per item (IIS writes `.323,text/h323`); the
// extension `*` gives the type of files no other item maps. A file whose extension has no MIME type
// (and no script map) answers 404.3.

import { splitFields } from '../../model/multisz';
import { quoted } from '../../quote';
import { ListItem, ListSpec, ListValue, keyText, reportDuplicates, trimmed } from './list';

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
/** type/subtype, with parameters (`; charset=utf-8`) allowed. */
const MIME_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(\\s*;.*)?$`);

export const MIME_MAP: ListSpec = {
  property: 'MimeMap', id: '6015', separator: ',', format: '.ext,type/subtype',
  split: (text) => splitFields(text, ',', 2),
  check: checkMimeType,
  checkList: (value) => reportDuplicates(value, 'mimemap-duplicate',
    (item) => item.fields.length === 2 ? keyText(item.fields[0]) : undefined, (item) => item.fields[0],
    (text, n) => `${quoted(text.trim())} already has a MIME type in item ${n} of this list; which one IIS sends is not documented`),
  describe: (item) => ({
    title: 'MIME type',
    rows: [
      ['Extension', item.fields[0].text.trim(), item.fields[0].text.trim() === '*' ? 'every extension that no other item maps' : undefined],
      ['Content-Type', item.fields[1]?.text.trim(), 'sent with static files of this extension'],
    ],
  }),
};

function checkMimeType(value: ListValue, item: ListItem): void {
  if (item.fields.length < 2) {
    value.report('mimemap-field-count', value.itemRange(item),
      `${quoted(item.item.value.text)} has no comma: IIS needs .ext,type/subtype, so files of this extension get no MIME type (404.3)`);
    return;
  }
  const extension = trimmed(value, item, item.fields[0], 'extension');
  const type = trimmed(value, item, item.fields[1], 'MIME type');
  if (extension.text === '' || /^\.*$/.test(extension.text)) {
    value.report('mimemap-extension', value.fieldRange(item, extension), 'the item names no extension, so it gives no file a MIME type');
  } else if (extension.text !== '*' && !extension.text.startsWith('.')) {
    // `*.txt` is a file pattern: the extension is `.txt`.
    const fixed = `.${extension.text.replace(/^\*?\.?/, '')}`;
    const range = value.fieldRange(item, extension);
    const message = `the extension ${quoted(extension.text)} lacks its leading dot: IIS matches extensions with it, so no file gets this type`;
    if (fixed === '.') value.report('mimemap-extension', range, message);
    else value.reportWithNewKey('mimemap-extension', range, message, { title: `Write ${quoted(fixed)}`, edits: value.rewrite(item, extension, fixed), preferred: true }, fixed.toLowerCase());
  }
  if (!MIME_TYPE.test(type.text)) {
    value.report('mimemap-type', value.fieldRange(item, type),
      type.text === '' ? 'the item has no MIME type: IIS sends files of this extension without a usable Content-Type'
        : `${quoted(type.text)} is not a MIME type (type/subtype): browsers do not know what the file is`);
  }
}
