// HttpCustomHeaders (6004): `Name: Value`, one response header per item, sent as written after the
// headers IIS makes (IIS writes `X-Powered-By: ASP.NET`).

import { splitFields } from '../../model/multisz';
import { quoted } from '../../quote';
import { ListItem, ListSpec, ListValue, keyText, reportDuplicates } from './list';

/** An HTTP header name: a token (RFC 9110). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const HTTP_CUSTOM_HEADERS: ListSpec = {
  property: 'HttpCustomHeaders', id: '6004', separator: ':', format: 'Name: Value',
  split: (text) => splitFields(text, ':', 2),
  check: checkHeader,
  checkList: (value) => reportDuplicates(value, 'headers-duplicate',
    (item) => item.fields.length === 2 ? keyText(item.fields[0]) : undefined, (item) => item.fields[0],
    (text, n) => `the header ${quoted(text.trim())} is already item ${n} of this list: every response carries it twice`),
  describe: (item) => ({
    title: 'Custom response header',
    rows: [['Name', item.fields[0].text], ['Value', item.fields[1]?.text.trim(), 'sent in every response from here down']],
  }),
};

function checkHeader(value: ListValue, item: ListItem): void {
  if (item.fields.length < 2) {
    value.report('headers-missing-colon', value.itemRange(item),
      `${quoted(item.item.value.text)} has no ':' between the header's name and value: IIS sends the line as it is, and every response carries a malformed header`);
    return;
  }
  const name = item.fields[0];
  const bare = name.text.trim();
  const range = value.fieldRange(item, name);
  if (bare === '') {
    value.report('headers-name', range, 'the header has no name before its colon: every response carries a malformed header');
  } else if (!TOKEN.test(bare)) {
    value.report('headers-name', range, `${quoted(bare)} is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`);
  } else if (bare !== name.text) {
    // White space before the colon: HTTP/1.1 servers and proxies must reject such a header (RFC 9112).
    value.report('headers-name', range, `the header name ${quoted(bare)} has white space before the colon, which clients and proxies reject`,
      [{ title: 'Remove the white space before the colon', edits: value.rewrite(item, name, bare), preferred: true }]);
  }
}
