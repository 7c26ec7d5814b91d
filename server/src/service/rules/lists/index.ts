// The list properties other than ScriptMaps, item by item: which attributes and <Custom> IDs hold them,
// and their rules over one value.

import { MetabaseKey } from '../../model/key';
import { ItemMemo } from '../../model/memo';
import { Attribute, Element, Quote } from '../../xml/tree';
import { Finding, ItemScope } from '../finding';
import { MemoEntry, checkBlankItems, checkItemsSteps } from '../multiszValue';
import { isBlank } from '../../model/multisz';
import { RuleId } from '../table';
import { SECURE_BINDINGS, SERVER_BINDINGS } from './bindings';
import { APPLICATION_DEPENDENCIES } from './dependencies';
import { HTTP_CUSTOM_HEADERS } from './headers';
import { HTTP_ERRORS } from './httpErrors';
import { IN_PROCESS_ISAPI_APPS } from './isapiApps';
import { ListItem, ListSpec, ListValue } from './list';
import { MIME_MAP } from './mimeMap';
import { WEB_SVC_EXT_RESTRICTION_LIST } from './restrictions';

export type { ListSpec } from './list';

export const LIST_SPECS: readonly ListSpec[] = [
  WEB_SVC_EXT_RESTRICTION_LIST, APPLICATION_DEPENDENCIES, HTTP_ERRORS, HTTP_CUSTOM_HEADERS,
  SERVER_BINDINGS, SECURE_BINDINGS, MIME_MAP, IN_PROCESS_ISAPI_APPS,
];

const BY_NAME = new Map(LIST_SPECS.map((s) => [s.property, s]));
const BY_ID = new Map(LIST_SPECS.map((s) => [s.id, s]));

/** The list spec of a property name, if it is one of these lists. */
export function listSpec(property: string): ListSpec | undefined {
  return BY_NAME.get(property);
}

export interface ListProperty {
  spec: ListSpec;
  /** The attribute holding the list (the property, or the `Value` of a <Custom>). */
  value: Attribute;
  custom?: Element;
}

/** The list properties a key sets, as attributes or as <Custom> children by ID. */
export function listsOf(key: MetabaseKey): ListProperty[] {
  const lists: ListProperty[] = [];
  for (const attribute of key.properties) {
    const spec = listSpec(attribute.name);
    if (spec) lists.push({ spec, value: attribute });
  }
  for (const custom of key.customs) {
    const spec = BY_ID.get(custom.id);
    if (spec && custom.value) lists.push({ spec, value: custom.value, custom: custom.element });
  }
  return lists;
}

/** Every rule of `spec`'s list over one value, as steps (see checkItemsSteps). */
export function* checkListSteps(spec: ListSpec, text: string, start: number, end: number, quote: Quote): Generator<void, Finding[], void> {
  const value = new ListValue(spec, text, start, end, quote);
  yield* checkBlankItems(value);
  yield* checkItemsSteps(value, (line) => value.readItem(line), (item) => spec.check(value, item), {
    rules: itemRulesOf(spec),
    memo: { memos: memosOf(spec), move: (item, line) => value.readItem(line, item), pending: value.keyFixes },
  });
  spec.checkList(value);
  value.finish();
  return value.findings;
}

const memos = new Map<ListSpec, Record<Quote, ItemMemo<MemoEntry<ListItem>>>>();

/** Items of `spec`'s lists already checked, by text: see checkItemsSteps. */
function memosOf(spec: ListSpec): Record<Quote, ItemMemo<MemoEntry<ListItem>>> {
  let memo = memos.get(spec);
  if (!memo) memos.set(spec, (memo = { '"': new ItemMemo(), "'": new ItemMemo() }));
  return memo;
}

const itemRules = new Map<ListSpec, NonNullable<ItemScope['rules']>>();

/** The rules an item of `spec`'s list breaks when its raw text is `raw`; undefined when it is not one item. */
function itemRulesOf(spec: ListSpec): NonNullable<ItemScope['rules']> {
  let rules = itemRules.get(spec);
  if (!rules) {
    rules = (raw: string, quote: Quote): Set<RuleId> | undefined => {
      const value = new ListValue(spec, raw, 0, raw.length, quote);
      if (value.lines.length !== 1 || isBlank(value.lines[0])) return undefined;
      spec.check(value, value.readItem(value.lines[0]));
      return new Set(value.findings.map((f) => f.rule));
    };
    itemRules.set(spec, rules);
  }
  return rules;
}
