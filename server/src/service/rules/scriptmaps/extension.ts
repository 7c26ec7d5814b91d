// Rules on the Extension field: `.ext` or the wildcard `*` alone (a `*` anywhere else never matches).

import { ScriptMapItem } from '../../model/scriptMap';
import { quoted } from '../../quote';
import { ScriptMapsValue } from './value';

export function checkExtension(value: ScriptMapsValue, item: ScriptMapItem): void {
  const ext = item.extension;
  const range = value.range(item, ext);
  if (ext.text.trim() === '') {
    value.report('extension-empty', range, 'the extension is empty: IIS cannot map it and answers HTTP 500');
    return;
  }
  if (/^\.+$/.test(ext.text.trim())) {
    value.report('extension-empty', range, `the extension ${quoted(ext.text.trim())} has nothing after its dot: IIS cannot map it and answers HTTP 500`);
    return;
  }
  if (ext.text === '.*') {
    value.reportWithNewExtension('extension-dot-star', range, "'.*' is not a wildcard and fails; a wildcard map is written '*'",
      { title: "Make it a wildcard map ('*')", edits: [value.replace(item, ext, '*')] }, ext.text, '*');
    return;
  }
  if (/\s/.test(ext.text)) {
    const fixed = ext.text.replace(/\s+/g, '');
    value.reportWithNewExtension('extension-spaces', range, `the extension ${quoted(ext.text)} contains white space, so the mapping may never match`,
      { title: 'Remove the white space', edits: value.rewrite(item, ext, fixed), preferred: true }, ext.text, fixed);
    return;
  }
  if (ext.text.startsWith('.') && ext.text.includes('*')) {
    value.report('extension-star', range, `the extension ${quoted(ext.text)} holds a '*': IIS 6 compares extensions literally and no file name has a '*', so the mapping never matches (a wildcard map is '*' alone)`);
    return;
  }
  if (ext.text !== '*' && !ext.text.startsWith('.')) {
    // `*.asp` is a file pattern, not an extension: the extension is `.asp`.
    const fixed = `.${ext.text.replace(/^\*?\.?/, '')}`;
    const message = `the extension ${quoted(ext.text)} lacks its leading dot: IIS Manager refuses it and it does not match as ${quoted(fixed)}`;
    // `*.` has no extension to write ('.' would be no better), and `*x` is no file pattern: what was meant is unclear.
    if (fixed === '.' || /^\*[^.]/.test(ext.text)) value.report('extension-missing-dot', range, message);
    else value.reportWithNewExtension('extension-missing-dot', range, message, { title: `Write ${quoted(fixed)}`, edits: value.rewrite(item, ext, fixed), preferred: true }, ext.text, fixed);
  }
}

/** The key two items' extensions share when they map the same extension. */
function extensionKey(extension: string): string {
  return extension.trim().toLowerCase();
}

/**
 * The same extension twice in one list: IIS does not say which item wins. A fix that would write an
 * extension that another item maps (or that another fix writes) is withdrawn: it would make a duplicate.
 */
export function checkDuplicateExtensions(value: ScriptMapsValue): void {
  // Each first mapping with its item number (1-based, blank lines not counted, as IIS reads the list).
  const first = new Map<string, { item: ScriptMapItem; number: number }>();
  value.items.forEach((item, index) => {
    const key = extensionKey(item.extension.text);
    if (key === '') return;
    const seen = first.get(key);
    if (!seen) {
      first.set(key, { item, number: index + 1 });
      return;
    }
    const { item: earlier, number } = seen;
    const removal = value.removeLine(item.item);
    value.report('extension-duplicate', value.range(item, item.extension),
      `${quoted(item.extension.text)} is already mapped by item ${number} of this list; which item IIS uses is not documented`,
      removal ? [{ title: `Remove this item for ${quoted(item.extension.text)}`, edits: [removal] }] : [],
      [{ ...value.range(earlier, earlier.extension), message: `first mapping of ${quoted(earlier.extension.text)}` }]);
  });
  // A fix that keeps the item's key (trimming '.asp ') changes nothing about duplicates.
  const changes = value.extensionFixes.filter(({ from, to }) => extensionKey(from) !== extensionKey(to));
  const written = new Map<string, number>();
  for (const { to } of changes) written.set(extensionKey(to), (written.get(extensionKey(to)) ?? 0) + 1);
  for (const { finding, fix, to } of changes) {
    if (first.has(extensionKey(to)) || written.get(extensionKey(to))! > 1) finding.fixes = finding.fixes.filter((f) => f !== fix);
  }
}
