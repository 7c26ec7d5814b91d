// The rule pages of docs/rules as the tests read them: a page's sections and its xml examples, each a
// whole document, and the settings its examples are checked with.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MetabaseSettings, Rule } from '../../server/src/service';

// Compiled to out/test/docs; the pages live in <repo>/docs/rules.
export const DOCS = resolve(__dirname, '../../../docs/rules');

export function readPage(id: string): string {
  return readFileSync(join(DOCS, `${id}.md`), 'utf8');
}

/** The text under a `## heading`, up to the next `## ` heading. */
export function section(page: string, heading: string): string {
  const lines = page.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  assert.ok(start >= 0, `no '## ${heading}' section`);
  let end = start + 1;
  while (end < lines.length && !lines[end].startsWith('## ')) end++;
  return lines.slice(start + 1, end).join('\n');
}

/** The first ```xml block of a section. */
export function xmlExample(page: string, heading: string): string {
  const match = /```xml\n([\s\S]*?)\n```/.exec(section(page, heading));
  assert.ok(match, `no xml example under '## ${heading}'`);
  return match[1];
}

/** A whole document as it stands, or a key (or several) wrapped in the root elements. */
export function asDocument(snippet: string): string {
  return /^(<\?xml|<!DOCTYPE|<configuration)/.test(snippet)
    ? snippet
    : `<configuration><MBProperty>\n${snippet}\n</MBProperty></configuration>`;
}

/** The page of an opt-in group's rule shows it at work: its examples are checked with the group on. */
export function settingsFor(rule: Rule): MetabaseSettings {
  return { rules: {}, migration: rule.group === 'migration' };
}
