// What only the end of the document can tell: a root element that never started or never ended.

import { Finding } from '../rules/finding';
import { MetabaseModel } from './document';

export function checkEnding(model: MetabaseModel, length: number): Finding | undefined {
  const last = model.segments[model.segments.length - 1];
  const state = last?.after;
  const end = { start: Math.max(length - 1, 0), end: length };
  if (state && state.open.length > 0) {
    const open = state.open.map((name) => `<${name}>`).join(', ');
    return { rule: 'xml-not-well-formed', ...end, fixes: [], message: `the file ends while ${open} ${state.open.length > 1 ? 'are' : 'is'} still open` };
  }
  if (!state?.afterRoot) {
    return { rule: 'xml-not-well-formed', ...end, fixes: [], message: 'the file has no root element: a metabase starts with <configuration>' };
  }
  return undefined;
}
