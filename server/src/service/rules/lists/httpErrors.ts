// HttpErrors (6008): `Code,SubCode,FILE|URL,Path`, one custom error per item. SubCode `*` covers every
// sub-status of the code. FILE sends a file from the server's disk (a full path), URL hands the request
// to a URL on the server (`/errors/404.asp`) or redirects to an absolute one.

import { Field, splitFields } from '../../model/multisz';
import { clip, quoted } from '../../quote';
import { FULL_PATH } from '../scriptmaps/processor';
import { Fix } from '../finding';
import { ListItem, ListSpec, ListValue, reportDuplicates, trimmed, unexpandedVariable } from './list';

const FIELDS = ['status code', 'sub-status code', 'FILE or URL', 'path or URL'];

function isUrl(path: string): boolean {
  return path.startsWith('/') || /^https?:\/\//i.test(path);
}

export const HTTP_ERRORS: ListSpec = {
  property: 'HttpErrors', id: '6008', separator: ',', format: 'Code,SubCode,FILE|URL,Path',
  split: (text) => splitFields(text, ',', 4),
  check: checkHttpError,
  checkList: (value) => reportDuplicates(value, 'httperrors-duplicate',
    (item) => item.fields.length < 4 ? undefined : `${item.fields[0].text.trim()},${item.fields[1].text.trim()}`,
    (item) => {
      const [code, sub] = item.fields;
      return { start: code.start, end: sub.end, text: `${code.text.trim()},${sub.text.trim()}` };
    },
    (text, n) => `a custom error for ${clip(text)} is already item ${n} of this list; which one IIS sends is not documented`),
  describe: (item) => {
    const [code, sub, kind, path] = item.fields.map((f) => f.text.trim());
    const file = kind?.toUpperCase() === 'FILE';
    return {
      title: 'Custom error',
      rows: [
        ['Status', code],
        ['Sub-status', sub, sub === '*' ? 'every sub-status of the code' : undefined],
        ['Kind', kind, file ? 'the file is sent as the response' : kind?.toUpperCase() === 'URL' ? 'the request is handed to the URL' : undefined],
        [file ? 'File' : 'URL', path],
      ],
    };
  },
};

function checkHttpError(value: ListValue, item: ListItem): void {
  if (item.fields.length < 4) {
    value.report('httperrors-field-count', value.itemRange(item),
      `this custom error lacks its ${FIELDS.slice(item.fields.length).join(', ')}; IIS needs Code,SubCode,FILE|URL,Path and cannot read it`);
    return;
  }
  const code = trimmed(value, item, item.fields[0], 'status code');
  const sub = trimmed(value, item, item.fields[1], 'sub-status code');
  const kind = trimmed(value, item, item.fields[2], 'kind');
  const path = trimmed(value, item, item.fields[3], 'path');
  if (!/^\d{1,3}$/.test(code.text)) {
    value.report('httperrors-code', value.fieldRange(item, code), `${quoted(code.text)} is not an HTTP status code: IIS cannot read this custom error`);
  } else if (Number(code.text) < 400 || Number(code.text) > 599) {
    value.report('httperrors-code-range', value.fieldRange(item, code),
      `${code.text} is not an error status: IIS sends custom errors for 400 to 599 only, so this one is never sent`);
  }
  if (sub.text !== '*' && !/^\d{1,10}$/.test(sub.text)) {
    value.report('httperrors-subcode', value.fieldRange(item, sub),
      `${quoted(sub.text)} is neither a sub-status number nor '*' (every sub-status): IIS cannot read this custom error`);
  }
  const type = kind.text.toUpperCase();
  if (type !== 'FILE' && type !== 'URL') {
    // The path says which kind was meant.
    const meant = FULL_PATH.test(path.text) ? 'FILE' : isUrl(path.text) ? 'URL' : undefined;
    value.report('httperrors-kind', value.fieldRange(item, kind),
      `${quoted(kind.text)} is neither FILE nor URL: IIS cannot read this custom error`,
      meant ? [{ title: `Write ${meant}`, edits: value.rewrite(item, kind, meant), preferred: true }] : []);
    return;
  }
  checkPath(value, item, kind, path, type);
}

function checkPath(value: ListValue, item: ListItem, kind: Field, path: Field, type: string): void {
  const range = value.fieldRange(item, path);
  if (path.text === '') {
    value.report('httperrors-path', range, `this ${type} custom error names no ${type === 'FILE' ? 'file' : 'URL'}: IIS sends its default error text`);
    return;
  }
  const swap = (to: string): Fix[] => [{ title: `Make it a ${to} custom error`, edits: value.rewrite(item, kind, to), preferred: true }];
  if (type === 'FILE' && !FULL_PATH.test(path.text)) {
    value.report('httperrors-path', range,
      unexpandedVariable(path.text, 'it does not find the file and sends its default error text')
        ?? `${quoted(path.text)} is not a full file path: IIS does not find the file and sends its default error text${isUrl(path.text) ? ' (a URL needs the kind URL)' : ''}`,
      isUrl(path.text) ? swap('URL') : []);
  } else if (type === 'URL' && !isUrl(path.text)) {
    value.report('httperrors-path', range,
      `${quoted(path.text)} is not a URL ('/path' on this server, or http://...)${FULL_PATH.test(path.text) ? ': a file path needs the kind FILE' : ''}`,
      FULL_PATH.test(path.text) ? swap('FILE') : []);
  }
}
