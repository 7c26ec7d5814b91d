// Hovers: on the ScriptMaps property, on an item (its fields in a table), on flags (each bit), on verbs
// (what they let through), on an item of the other lists (its fields), and on a diagnostic's range (the rule's doc).

import { TextDocument } from 'vscode-languageserver-textdocument';
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { MetabaseModel, MetabaseSettings, DEFAULT_SETTINGS, placed, rangeOf, severityOf } from '../languageService';
import { MetabaseKey, ScriptMapsProperty, readKey } from '../model/key';
import { ModelSegment, StoredFinding, segmentAt } from '../model/document';
import { locationPath } from '../model/summary';
import { SchemaFacts } from '../schema';
import { splitMultisz } from '../model/multisz';
import { Span, parseScriptMapItem } from '../model/scriptMap';
import { RULES_BY_ID, docsUrl } from '../rules/table';
import { scanSegment } from '../xml/scanner';
import { describeFlags, describeItem, describeProperty, describeVerbs } from './describe';
import { listItemTopic } from './lists';
import { markdownToPlainText } from './plaintext';
import { effectiveScriptMapsMarkdown, scriptMapItemNote } from '../inheritance';
import { ParentKey, propertyTopic } from './property';

interface Topic {
  markdown: string;
  start: number;
  end: number;
}

/** The hover at `position`, in markdown or (for clients that render none) plain text. */
export function hover(
  document: TextDocument, model: MetabaseModel, position: Position, settings: MetabaseSettings = DEFAULT_SETTINGS,
  format: MarkupKind = MarkupKind.Markdown,
): Hover | null {
  const offset = document.offsetAt(position);
  const text = document.getText();
  if (model.segments.length === 0) return null;
  const segment = model.segments[segmentAt(model, offset)];
  const scanned = scanSegment(text, segment.start, segment.before);
  const facts = model.checker.facts;
  const topic = scanned.key
    ? topicAt(text, readKey(text, scanned.key), offset, facts) ?? propertyTopic(text, scanned.key, offset, facts, parentOf(text, model, segment))
    : undefined;
  const rules = findingsAt(model, offset).filter((f) => severityOf(f.rule, settings) !== 'off');
  const parts: string[] = [];
  if (topic) parts.push(topic.markdown);
  const note = topic && scriptMapItemNote(text, model, offset);
  if (note) parts.push(note);
  const inherited = topic && effectiveScriptMapsMarkdown(text, model, offset);
  if (inherited) parts.push(inherited);
  for (const id of new Set(rules.map((f) => f.rule))) {
    const rule = RULES_BY_ID.get(id)!;
    parts.push(`**${rule.id}** (${severityOf(rule.id, settings)}): ${rule.title} ${rule.consequence} [Rule documentation](${docsUrl(rule.id)})`);
  }
  if (parts.length === 0) return null;
  const span = topic ?? rules[0];
  const markdown = parts.join('\n\n---\n\n');
  const contents = format === MarkupKind.PlainText
    ? { kind: MarkupKind.PlainText, value: markdownToPlainText(markdown) }
    : { kind: MarkupKind.Markdown, value: markdown };
  return { contents, range: rangeOf(document, span.start, span.end) };
}

/** The findings the model holds at `offset`, with offsets in the document: no rule runs again. */
function findingsAt(model: MetabaseModel, offset: number): StoredFinding[] {
  const found: StoredFinding[] = [];
  for (let i = segmentAt(model, offset); i < model.segments.length && model.segments[i].start <= offset; i++) {
    const segment = model.segments[i];
    for (const f of [...segment.findings, ...[...segment.keyFindings, ...segment.crossFindings].map((k) => placed(k, segment.start))]) {
      const start = segment.start + f.start;
      const end = segment.start + f.end;
      if (start <= offset && offset <= end) found.push({ ...f, start, end });
    }
  }
  return found;
}

/** The parent key of a segment's key from the document's index; undefined when the key has no Location. */
function parentOf(text: string, model: MetabaseModel, segment: ModelSegment): ParentKey | null | undefined {
  const location = segment.key?.location;
  if (location === undefined) return undefined;
  const parent = model.index.parentKey(location.key);
  return parent ? { type: parent.key!.type, location: locationPath(text, parent.start, parent.key!)! } : null;
}

function topicAt(text: string, key: MetabaseKey, offset: number, facts: SchemaFacts): Topic | undefined {
  for (const property of key.scriptMaps) {
    const { name, value } = property;
    // The property's name: the ScriptMaps attribute name, or the whole ID="6014" of a <Custom>.
    const nameEnd = name === value ? value.valueStart - 1 : name.valueEnd;
    if (offset >= name.nameStart && offset <= nameEnd) {
      return { markdown: describeProperty(key, facts), start: name.nameStart, end: name.nameEnd };
    }
    if (offset >= value.valueStart && offset <= value.valueEnd) return itemTopic(text, property, offset);
  }
  return listItemTopic(text, key, offset);
}

function itemTopic(text: string, property: ScriptMapsProperty, offset: number): Topic | undefined {
  const line = splitMultisz(text, property.value.valueStart, property.value.valueEnd)
    .find((l) => offset >= l.start && offset <= l.end && l.value.text.trim() !== '');
  if (!line) return undefined;
  const item = parseScriptMapItem(line);
  const raw = (span: Span) => ({ start: line.value.raw(span.start), end: line.value.raw(span.end) });
  const within = (span: Span | undefined) => span !== undefined && offset >= raw(span).start && offset <= raw(span).end;
  if (within(item.flags) && item.flags!.text.trim() !== '') {
    return { markdown: describeFlags(item.flags!.text), ...raw(item.flags!) };
  }
  const verbs = item.verbs.length ? { start: item.verbs.at(0)!.start, end: item.verbs.at(item.verbs.length - 1)!.end } : undefined;
  if (verbs && within(verbs)) return { markdown: describeVerbs(item), ...raw(verbs) };
  return { markdown: describeItem(item), start: line.start, end: line.end };
}

