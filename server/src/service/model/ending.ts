// What only the end of the document can tell: a root element that never started or never ended.

import { quoted } from '../quote';
import { Finding } from '../rules/finding';
import { OpenElement } from '../xml/tree';
import { MetabaseModel } from './document';

export function checkEnding(model: MetabaseModel, length: number): Finding | undefined {
  const last = model.segments[model.segments.length - 1];
  const state = last?.after;
  const end = { start: Math.max(length - 1, 0), end: length };
  if (state?.open) {
    const names: string[] = [];
    for (let e: OpenElement | undefined = state.open; e && names.length < 3; e = e.parent) names.push(quoted(e.name, '<', '>'));
    const more = state.open.depth > names.length ? ` and ${state.open.depth - names.length} more` : '';
    const verb = state.open.depth > 1 ? 'are' : 'is';
    return { rule: 'xml-not-well-formed', ...end, fixes: [], message: `the file ends while ${names.join(', ')}${more} ${verb} still open` };
  }
  if (!state?.afterRoot) {
    return { rule: 'xml-not-well-formed', ...end, fixes: [], message: 'the file has no root element: a metabase starts with <configuration>' };
  }
  return undefined;
}
