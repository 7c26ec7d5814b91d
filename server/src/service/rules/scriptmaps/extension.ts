// Rules on the Extension field: `.ext` or the wildcard `*`.

import { ScriptMapItem } from '../../model/scriptMap';
import { ScriptMapsValue } from './value';

export function checkExtension(value: ScriptMapsValue, item: ScriptMapItem): void {
  const ext = item.extension;
  const range = value.range(item, ext);
  if (ext.text.trim() === '') {
    value.report('extension-empty', range, 'the extension is empty: IIS cannot map it and answers HTTP 500');
    return;
  }
  if (ext.text === '.*') {
    value.report('extension-dot-star', range, "'.*' is not a wildcard and fails; a wildcard map is written '*'", [
      { title: "Make it a wildcard map ('*')", edits: [value.replace(item, ext, '*')] },
    ]);
    return;
  }
  if (/\s/.test(ext.text)) {
    value.report('extension-spaces', range, `the extension '${ext.text}' contains white space, so the mapping may never match`, [
      { title: 'Remove the white space', edits: value.rewrite(item, ext, ext.text.replace(/\s+/g, '')), preferred: true },
    ]);
    return;
  }
  if (ext.text !== '*' && !ext.text.startsWith('.')) {
    // `*.asp` is a file pattern, not an extension: the extension is `.asp`.
    const fixed = `.${ext.text.replace(/^\*?\.?/, '')}`;
    // `*.` has no extension to write: '.' would be no better.
    const fixes = fixed === '.' ? [] : [{ title: `Write '${fixed}'`, edits: value.rewrite(item, ext, fixed), preferred: true }];
    value.report('extension-missing-dot', range, `the extension '${ext.text}' lacks its leading dot: IIS Manager refuses it and it does not match as '${fixed}'`, fixes);
  }
}

/** The same extension twice in one list: IIS does not say which item wins. */
export function checkDuplicateExtensions(value: ScriptMapsValue): void {
  // Each first mapping with its item number (1-based, blank lines not counted, as IIS reads the list).
  const first = new Map<string, { item: ScriptMapItem; number: number }>();
  value.items.forEach((item, index) => {
    const key = item.extension.text.trim().toLowerCase();
    if (key === '') return;
    const seen = first.get(key);
    if (!seen) {
      first.set(key, { item, number: index + 1 });
      return;
    }
    const { item: earlier, number } = seen;
    const removal = value.removeLine(item.item);
    value.report('extension-duplicate', value.range(item, item.extension),
      `'${item.extension.text}' is already mapped by item ${number} of this list; which item IIS uses is not documented`,
      removal ? [{ title: `Remove this item for '${item.extension.text}'`, edits: [removal] }] : [],
      [{ ...value.range(earlier, earlier.extension), message: `first mapping of '${earlier.extension.text}'` }]);
  });
}
