// The export as applicationHost.config XML: one `<location path="Site/vdir">` per key (the server level
// as the root `<system.webServer>`), its effective handlers with a comment saying where each comes from,
// and `<isapiCgiRestriction>` for WebSvcExtRestrictionList. Attribute values are escaped, comments never
// hold '--', so the output is well-formed whatever the metabase holds.

import { Handler, KeyExport } from './entries';

export function handlersXml(keys: readonly KeyExport[], notes: readonly string[] = []): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<!-- IIS 7+ configuration exported from an IIS 6 metabase by metabase-lint. Paste each part into applicationHost.config. -->', '<configuration>'];
  for (const note of notes) out.push(`  ${comment(note)}`);
  for (const key of keys) {
    const indent = key.sitePath === undefined ? '  ' : '    ';
    out.push(`  ${comment(`${key.location}${key.sitePath === undefined ? ': the server level' : ''}`)}`);
    if (key.sitePath !== undefined) out.push(`  <location path="${attribute(key.sitePath)}">`);
    out.push(`${indent}<system.webServer>`);
    for (const note of [...key.notes, ...key.skipped]) out.push(`${indent}  ${comment(note)}`);
    // A loop, not push(...): a list can give more lines than a call has arguments.
    for (const line of handlerLines(key, `${indent}  `)) out.push(line);
    if (key.restrictions) for (const line of restrictionLines(key.restrictions, `${indent}  `)) out.push(line);
    out.push(`${indent}</system.webServer>`);
    if (key.sitePath !== undefined) out.push('  </location>');
  }
  out.push('</configuration>', '');
  return out.join('\n');
}

function handlerLines(key: KeyExport, indent: string): string[] {
  const policy = key.accessPolicy !== undefined ? ` accessPolicy="${attribute(key.accessPolicy)}"` : '';
  if (key.handlers.length === 0 && !key.scriptMapsOrigin) return [`${indent}${comment('no ScriptMaps applies here')}`];
  const lines = [
    `${indent}<handlers${policy}>`,
    `${indent}  ${comment(`IIS 6 replaced the inherited list whole; IIS 7+ adds these to the inherited handlers (first match wins, StaticFile last). To replace them, start with <clear/> and add back the defaults this path needs.`)}`,
  ];
  for (const h of key.handlers) {
    const from = h.origin === key.location ? 'set on this key' : `inherited from ${h.origin}`;
    lines.push(`${indent}  ${comment([`${h.item}: ${from}`, ...h.notes].join('; '))}`);
    lines.push(`${indent}  <add ${handlerAttributes(h).map(([n, v]) => `${n}="${attribute(v)}"`).join(' ')} />`);
  }
  lines.push(`${indent}</handlers>`);
  return lines;
}

/** The attributes of a handler in the order IIS writes them. */
export function handlerAttributes(h: Handler): Array<[string, string]> {
  const list: Array<[string, string | undefined]> = [
    ['name', h.name], ['path', h.path], ['verb', h.verb], ['modules', h.modules], ['scriptProcessor', h.scriptProcessor],
    ['resourceType', h.resourceType], ['requireAccess', h.requireAccess], ['preCondition', h.preCondition], ['responseBufferLimit', h.responseBufferLimit],
  ];
  return list.filter((a): a is [string, string] => a[1] !== undefined);
}

function restrictionLines(r: NonNullable<KeyExport['restrictions']>, indent: string): string[] {
  const lines = [
    `${indent}<security>`,
    `${indent}  <isapiCgiRestriction notListedIsapisAllowed="${r.notListedIsapisAllowed}" notListedCgisAllowed="${r.notListedCgisAllowed}">`,
  ];
  for (const e of r.entries) {
    lines.push(`${indent}    ${comment([e.item, ...e.notes].join('; '))}`);
    lines.push(`${indent}    <add ${restrictionAttributes(e).map(([n, v]) => `${n}="${attribute(v)}"`).join(' ')} />`);
  }
  lines.push(`${indent}  </isapiCgiRestriction>`, `${indent}</security>`);
  return lines;
}

export function restrictionAttributes(e: NonNullable<KeyExport['restrictions']>['entries'][number]): Array<[string, string]> {
  const list: Array<[string, string | undefined]> = [['path', e.path], ['allowed', String(e.allowed)], ['groupId', e.groupId], ['description', e.description]];
  return list.filter((a): a is [string, string] => a[1] !== undefined);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

function attribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c]);
}

/** A comment that stays one: '--' and a trailing '-' cannot end it early, line breaks are spaces. */
function comment(text: string): string {
  return `<!-- ${text.replace(/[\r\n]+/g, ' ').replace(/-(?=-)/g, '- ').replace(/-$/, '- ')} -->`;
}
