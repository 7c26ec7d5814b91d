// Folding: one range per key element spanning lines (its end tag stays visible, as in HTML and XML
// editors), and one per list value spanning lines (a MULTISZ or MIMEMAP attribute, or the Value of a
// <Custom> list), from the line of its name to the line of its closing quote.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { FoldingRange } from 'vscode-languageserver-types';
import { MetabaseModel } from '../languageService';
import { attributes, customType, isKey, isListType, keySpan, spansLines } from './keys';

export function foldingRanges(document: TextDocument, model: MetabaseModel): FoldingRange[] {
  const text = document.getText();
  const facts = model.checker.facts;
  const ranges: FoldingRange[] = [];
  // A key whose start tag is all one list value folds the same lines twice: one range is enough.
  const seen = new Set<string>();
  const fold = (start: number, end: number) => {
    const startLine = document.positionAt(start).line;
    const endLine = document.positionAt(end).line;
    const lines = `${startLine}:${endLine}`;
    if (endLine > startLine && !seen.has(lines)) {
      seen.add(lines);
      ranges.push({ startLine, endLine });
    }
  };
  for (const segment of model.segments) {
    if (!isKey(segment)) continue;
    const { start, end } = keySpan(text, segment);
    const type = segment.key.type;
    const endTag = `</${type}>`;
    // The end tag's line stays visible: the range ends on the line before it.
    fold(start, text.endsWith(endTag, end) && segment.key.tagEnd >= 0 ? end - endTag.length - 1 : end);
    for (const a of attributes(segment)) {
      if (spansLines(text, a.valueStart, a.valueEnd) && isListType(facts.property(text.slice(a.nameStart, a.nameEnd))?.type)) fold(a.nameStart, a.valueEnd);
    }
    const c = segment.key.customs;
    for (let i = 0; i < c.length; i += 6) {
      const valueStart = segment.start + c[i + 4];
      const valueEnd = segment.start + c[i + 5];
      if (c[i + 4] >= 0 && spansLines(text, valueStart, valueEnd) && isListType(customType(text, facts, segment.start, c[i + 2], c[i + 3]))) {
        fold(valueStart, valueEnd);
      }
    }
  }
  return ranges;
}
