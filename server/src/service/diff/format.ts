// The semantic diff as text (for people and git) and as JSON (for tools).

import { ItemChange, KeyChange, MetabaseDiff, PropertyChange } from '.';

const SIGN = { added: '+', removed: '-', changed: '~' } as const;

/** A value in double quotes; a quote and control characters (a line break would break the layout) escaped. */
function quoted(value: string): string {
  return `"${value.replace(/["\x00-\x1f\x7f]/g, (c) => (c === '"' ? '\\"' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
}

/** Unquoted unless it holds a control character. */
function shown(text: string): string {
  return /[\x00-\x1f\x7f]/.test(text) ? quoted(text) : text;
}

export interface Names {
  old: string;
  new: string;
}

export function diffText(diff: MetabaseDiff, names: Names): string {
  // flatMap, not push(...): a key or a list can give more lines than a call has arguments.
  const lines = [`--- ${names.old}`, `+++ ${names.new}`, ...diff.keys.flatMap(keyLines), summary(diff)];
  return `${lines.join('\n')}\n`;
}

function keyLines(key: KeyChange): string[] {
  const site = key.site === undefined ? '' : ` (site ${quoted(key.site)})`;
  const type = key.oldType ? `${key.oldType} -> ${key.type}` : key.type;
  return [`${SIGN[key.change]} ${shown(key.location)}${site} ${type}`, ...key.properties.flatMap(propertyLines)];
}

function propertyLines(p: PropertyChange): string[] {
  const name = shown(p.name);
  if (p.items && p.change !== 'changed') {
    return [`    ${SIGN[p.change]} ${name}:`, ...p.items.map(itemLine)];
  }
  if (p.items) return [`    ~ ${name}:`, ...p.items.map(itemLine)];
  if (p.change === 'added') return [`    + ${name} = ${quoted(p.new as string)}`];
  if (p.change === 'removed') return [`    - ${name} = ${quoted(p.old as string)}`];
  return [`    ~ ${name}: ${quoted(p.old as string)} -> ${quoted(p.new as string)}`];
}

function itemLine(item: ItemChange): string {
  switch (item.change) {
    case 'added': return `        + ${shown(item.new)}`;
    case 'removed': return `        - ${shown(item.old)}`;
    case 'reordered': return '        ~ (the order of the items changed)';
    case 'changed': {
      if (item.fields.length === 0) return `        ~ ${shown(item.old)} -> ${shown(item.new)}`;
      const fields = item.fields.map((f) => `${f.name} ${quoted(f.old)} -> ${quoted(f.new)}`).join(', ');
      return `        ~ ${shown(item.key)}: ${fields}`;
    }
  }
}

function summary(diff: MetabaseDiff): string {
  const count = (change: KeyChange['change']) => diff.keys.filter((k) => k.change === change).length;
  const parts = [`${count('changed')} changed`, `${count('added')} added`, `${count('removed')} removed`];
  const hidden = diff.hidden ? `; ${diff.hidden} bookkeeping change${diff.hidden === 1 ? '' : 's'} hidden (--all shows ${diff.hidden === 1 ? 'it' : 'them'})` : '';
  return diff.keys.length === 0 ? `no meaningful changes${hidden}` : `keys: ${parts.join(', ')}${hidden}`;
}

export function diffJson(diff: MetabaseDiff, names: Names): string {
  return `${JSON.stringify({ old: names.old, new: names.new, keys: diff.keys, hidden: diff.hidden }, null, 2)}\n`;
}
