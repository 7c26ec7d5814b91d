// Inheritance made visible: the effective ScriptMaps of a key in a hover (each item with the key it comes
// from, and what an own list drops and adds), a code lens on every ScriptMaps that replaces an inherited
// list, and go to definition from a key to the key whose ScriptMaps apply to it.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeLens, Location, Position } from 'vscode-languageserver-types';
import { MetabaseModel, rangeOf } from '../languageService';
import { ModelSegment, segmentAt } from '../model/document';
import { effectiveScriptMaps, keyAt, ownProperty, scriptMapsOverride } from '../model/inheritance';
import { SCRIPT_MAPS } from '../model/key';
import { locationPath } from '../model/summary';
import { CrossContext, describeOverride, overrideOf, restrictionVerdict } from '../rules/cross';
import { listed } from '../rules/listed';
import { clip, quoted } from '../quote';

/** The most items a hover lists. */
const MAX_ROWS = 40;

/** The key segment at `offset`, when `offset` is on its element name or its Location value. */
function keyNamedAt(model: MetabaseModel, offset: number): ModelSegment | undefined {
  if (model.segments.length === 0) return undefined;
  const segment = model.segments[segmentAt(model, offset)];
  const key = segment.key;
  const location = key?.location;
  if (!key || !location) return undefined;
  const at = offset - segment.start;
  const onName = at > key.start && at <= key.nameEnd;
  const onLocation = at >= location.start && at <= location.end;
  return onName || onLocation ? segment : undefined;
}

/** Whether `offset` is on the name of the key's own ScriptMaps (attribute name, or a Custom's ID value). */
function onOwnScriptMaps(text: string, model: MetabaseModel, offset: number): ModelSegment | undefined {
  if (model.segments.length === 0) return undefined;
  const segment = model.segments[segmentAt(model, offset)];
  if (!segment.key?.location) return undefined;
  const own = ownProperty(text, segment, model.checker.facts.property(SCRIPT_MAPS)!);
  return own && offset >= own.nameStart && offset <= own.nameEnd ? segment : undefined;
}

/**
 * The hover section on a key's name or Location, or on its ScriptMaps name: the ScriptMaps that apply to
 * the key, item by item with the key each comes from, and for an own list what it replaces.
 */
export function effectiveScriptMapsMarkdown(text: string, model: MetabaseModel, offset: number): string | undefined {
  const segment = keyNamedAt(model, offset) ?? onOwnScriptMaps(text, model, offset);
  if (!segment) return undefined;
  const facts = model.checker.facts;
  const location = locationPath(text, segment.start, segment.key!)!;
  // The effective list is the first key's of the Location: a duplicate key shows what IIS would use.
  const first = keyAt(model, location);
  const effective = effectiveScriptMaps(text, model, facts, location);
  // Nothing on the path sets ScriptMaps: nothing to say (most keys of a file outside the web service).
  if (!effective.origin) return undefined;
  const lines: string[] = [];
  const own = effective.origin.key === first;
  lines.push(`**Effective ScriptMaps**: ${effective.items.length} item${effective.items.length === 1 ? '' : 's'}, ${own ? 'set on this key' : `inherited from ${clip(effective.origin.location)}`}.`);
  const override = own ? scriptMapsOverride(text, model, facts, location) : undefined;
  if (override) {
    lines.push('', `This list ${describeOverride(override.inherited.items.filter((i) => !i.afterBlank).length, override.inherited.origin!.location, override.dropped, override.added)}${override.changed.length ? `; maps ${listed(override.changed)} differently` : ''}.`);
  }
  lines.push('', '| extension | processor | flags | from |', '|---|---|---|---|');
  for (const { item, origin, afterBlank } of effective.items.slice(0, MAX_ROWS)) {
    const cell = (s: string | undefined) => clip((s ?? '').trim()).replace(/\|/g, '\\|');
    const ignored = afterBlank ? ' (after a blank item: IIS may ignore it)' : '';
    lines.push(`| ${cell(item.extension.text)}${ignored} | ${cell(item.processor?.field.text)} | ${cell(item.flags?.text)} | ${cell(origin.location)} |`);
  }
  if (effective.items.length > MAX_ROWS) lines.push('', `and ${effective.items.length - MAX_ROWS} more`);
  return lines.join('\n');
}

/**
 * The hover note on a script map item of a key: after a blank item (IIS may ignore it), or a processor that
 * WebSvcExtRestrictionList prohibits (no diagnostic: IIS ships ASP and SSI so, deliberately; but 404.2 it is).
 */
export function scriptMapItemNote(text: string, model: MetabaseModel, offset: number): string | undefined {
  if (model.segments.length === 0) return undefined;
  const segment = model.segments[segmentAt(model, offset)];
  if (!segment.key?.location) return undefined;
  const context = new CrossContext(text, model.index, model.checker.facts);
  const maps = context.facts(segment).scriptMaps;
  const base = maps && segment.start + maps.valueStart;
  const item = maps?.items.find((i) => offset >= base! + i.start && offset <= base! + i.end);
  if (!item) return undefined;
  if (item.afterBlank) return 'This item follows a blank item, which ends a MULTISZ list: IIS may ignore it, so no 404.2 or 403.1 is predicted for it.';
  const service = keyAt(model, '/LM/W3SVC');
  const list = service && context.facts(service).restrictions;
  const verdict = list && restrictionVerdict(list.entries, item);
  if (!verdict?.entry || verdict.allowed) return undefined;
  return `**Prohibited**: WebSvcExtRestrictionList on /LM/W3SVC lists ${quoted(verdict.entry.written)} as prohibited (0), so requests for ${quoted(item.extension)} answer 404.2 until it is allowed (1).`;
}

/** A lens on every ScriptMaps that replaces an inherited list, with what it drops and adds. */
export function scriptMapsLenses(document: TextDocument, model: MetabaseModel): CodeLens[] {
  const context = new CrossContext(document.getText(), model.index, model.checker.facts);
  const lenses: CodeLens[] = [];
  for (const segment of model.segments) {
    if (!segment.key?.location || segment.key.tagEnd < 0) continue;
    const o = overrideOf(context, segment);
    if (!o) continue;
    const title = describeOverride(o.inheritedCount, o.from, o.dropped, o.added, o.droppedCount);
    lenses.push({ range: rangeOf(document, segment.start + o.own.nameStart, segment.start + o.own.nameEnd), command: { title, command: '' } });
  }
  return lenses;
}

/**
 * From a key's name or Location: the ScriptMaps that apply to it, on the key that sets them (for a key that
 * sets its own: that one, the effective list being its own).
 */
export function scriptMapsDefinition(document: TextDocument, model: MetabaseModel, position: Position): Location[] {
  // A document read without rules (its findings would not fit in memory) gets no effective ScriptMaps: they
  // read whole lists. The server gives its hovers, lenses and code actions nothing for the same reason.
  if (!model.checker.checked) return [];
  const text = document.getText();
  const segment = keyNamedAt(model, document.offsetAt(position));
  if (!segment) return [];
  const facts = model.checker.facts;
  const location = locationPath(text, segment.start, segment.key!)!;
  const origin = effectiveScriptMaps(text, model, facts, location).origin;
  return origin ? [{ uri: document.uri, range: rangeOf(document, origin.nameStart, origin.nameEnd) }] : [];
}
