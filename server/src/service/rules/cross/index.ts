// The checks across keys: what IIS does with a key given the others. A script map whose processor
// WebSvcExtRestrictionList does not allow (404.2), a script map without the script flag where the effective
// AccessFlags lack AccessExecute (403.1), an own ScriptMaps list that drops inherited mappings, an AppPoolId
// with no pool (503), two started sites with the same binding, and an AppRoot that is not the key's Location.
//
// One pass over the keys: each key's facts are read once (see facts.ts) and the inherited ones are resolved
// top-down with a memo, so the pass is linear in the number of keys.

import { IndexedKey, KeyIndex } from '../../model/keyIndex';
import { normalLocation } from '../../model/summary';
import { SchemaFacts, UNTYPED_KEY } from '../../schema';
import { encodeAttributeText } from '../../xml/entities';
import { Finding, Fix, Related } from '../finding';
import { MAX_NAMED, listed } from '../listed';
import { KeyFacts, MapItem, OwnValue, Restriction, keyFacts } from './facts';


const W3SVC = '/lm/w3svc';
const APP_POOLS = '/lm/w3svc/apppools';
const ACCESS_EXECUTE = 4;
const SCRIPT_FLAG = 1;
const SITE = /^\/lm\/(w3svc|msftpsvc)\/[1-9]\d*$/;
const CONTENT_TYPES: ReadonlySet<string> = new Set(['IIsWebVirtualDir', 'IIsWebDirectory', 'IIsWebFile']);
const SITE_ROOT = /^\/lm\/w3svc\/[1-9]\d*\/root$/;
const UNDER_ROOT = /^\/lm\/w3svc\/[1-9]\d*\/root(\/|$)/;
const KEYS_PER_STEP = 5000;

interface Inherited<T> {
  key: IndexedKey;
  value: T;
}

/** What the checks of one key need of the others, resolved once per pass and memoised. */
export class CrossContext<K extends IndexedKey> {
  private readonly scriptMaps = new Map<string, Inherited<NonNullable<KeyFacts['scriptMaps']>> | null>();
  private readonly access = new Map<string, Inherited<NonNullable<KeyFacts['accessFlags']>> | null>();
  private bindings?: Map<string, { key: K; start: number; end: number; location: string }>;

  constructor(readonly text: string, readonly index: KeyIndex<K>, readonly schema: SchemaFacts) {}

  facts(key: IndexedKey): KeyFacts {
    return keyFacts(this.text, key, this.schema);
  }

  /** A key's Location as written. */
  path(key: IndexedKey): string {
    return this.facts(key).location ?? '';
  }

  /** The ScriptMaps a key sees: its own, else its nearest ancestor's. */
  effectiveScriptMaps(key: IndexedKey): Inherited<NonNullable<KeyFacts['scriptMaps']>> | undefined {
    const own = this.facts(key).scriptMaps;
    return own ? { key, value: own } : this.inheritedScriptMaps(key);
  }

  /** The ScriptMaps the keys above `key` give: the list an own one replaces. */
  inheritedScriptMaps(key: IndexedKey): Inherited<NonNullable<KeyFacts['scriptMaps']>> | undefined {
    return this.inherited(key, this.scriptMaps, (f) => f.scriptMaps);
  }

  effectiveAccess(key: IndexedKey): Inherited<NonNullable<KeyFacts['accessFlags']>> | undefined {
    const own = this.facts(key).accessFlags;
    return own ? { key, value: own } : this.inherited(key, this.access, (f) => f.accessFlags);
  }

  /** The value the keys above `key` give (the first key of each present ancestor Location), memoised per Location. */
  inherited<T>(key: IndexedKey, memo: Map<string, Inherited<T> | null>, pick: (f: KeyFacts) => T | undefined): Inherited<T> | undefined {
    const chain: string[] = [];
    let result: Inherited<T> | null | undefined;
    let parent = this.index.parentKey(key.key!.location!.key);
    while (parent) {
      const location = parent.key!.location!.key;
      result = memo.get(location);
      if (result !== undefined) break;
      chain.push(location);
      const value = pick(this.facts(parent));
      if (value !== undefined) {
        result = { key: parent, value };
        break;
      }
      parent = this.index.parentKey(location);
    }
    for (const location of chain) memo.set(location, result ?? null);
    return result ?? undefined;
  }

  /** Every started site's bindings, the first site (in document order) owning each. */
  firstBinding(binding: string): { key: K; start: number; end: number; location: string } | undefined {
    if (!this.bindings) {
      const sites: K[] = [];
      for (const location of this.index.locations()) if (SITE.test(location)) sites.push(this.index.keysAt(location)[0]);
      sites.sort((a, b) => a.start - b.start);
      this.bindings = new Map();
      for (const site of sites) {
        for (const [prefix, item] of siteBindings(site, this.facts(site))) {
          const id = prefix + item.text;
          if (!this.bindings.has(id)) this.bindings.set(id, { key: site, start: site.start + item.start, end: site.start + item.end, location: this.path(site) });
        }
      }
    }
    return this.bindings.get(binding);
  }
}

/** The findings across keys of every key, with document offsets; yields every few thousand keys. */
export function* crossSteps<K extends IndexedKey>(context: CrossContext<K>, only?: ReadonlySet<string>): Generator<void, Map<K, Finding[]>, void> {
  const found = new Map<K, Finding[]>();
  let n = 0;
  for (const location of only ?? context.index.locations()) {
    for (const key of context.index.keysAt(location)) {
      const findings = crossFindingsOf(context, key);
      if (findings.length) found.set(key, findings);
      if (++n % KEYS_PER_STEP === 0) yield;
    }
  }
  return found;
}

/**
 * Whether a key at a (normalised) Location can change findings outside its subtree: /LM/W3SVC (the
 * restriction list), the pools, and the sites (bindings). Ancestors of those reach everything anyway.
 */
export function reachesBeyond(location: string): boolean {
  return location === W3SVC || location === APP_POOLS || location.startsWith(`${APP_POOLS}/`) || SITE.test(location) || !location.startsWith('/lm/');
}

/** The findings across keys of one key, with their fixes. */
export function crossFindingsOf<K extends IndexedKey>(context: CrossContext<K>, key: K): Finding[] {
  const facts = context.facts(key);
  const findings: Finding[] = [];
  if (!key.key?.location) return findings;
  checkAppRoot(context, key, facts, findings);
  checkAppPool(context, key, facts, findings);
  checkBindings(context, key, facts, findings);
  checkRestrictions(context, key, facts, findings);
  checkOverride(context, key, findings);
  checkExecute(context, key, facts, findings);
  return findings;
}

/** A value's range in the document; an empty value: its two quotes. */
function valueRange(key: IndexedKey, value: OwnValue): { start: number; end: number } {
  return value.valueStart === value.valueEnd
    ? { start: key.start + value.valueStart - 1, end: key.start + value.valueEnd + 1 }
    : { start: key.start + value.valueStart, end: key.start + value.valueEnd };
}

function checkAppRoot(context: CrossContext<IndexedKey>, key: IndexedKey, facts: KeyFacts, findings: Finding[]): void {
  const appRoot = facts.appRoot;
  if (!appRoot || normalLocation(appRoot.value.trim()) === key.key!.location!.key) return;
  const path = context.path(key);
  const quote = context.text[key.start + appRoot.valueEnd] === "'" ? "'" : '"';
  findings.push({
    rule: 'approot-mismatch', ...valueRange(key, appRoot),
    message: `AppRoot '${appRoot.value}' is not this key's Location '${path}': IIS takes the key for part of the application at '${appRoot.value}' (a copied virtual directory?)`,
    fixes: [{
      title: `Change AppRoot to '${path}'`,
      edits: [{ start: key.start + appRoot.valueStart, end: key.start + appRoot.valueEnd, newText: encodeAttributeText(path, quote) }],
    }],
  });
}

function checkAppPool(context: CrossContext<IndexedKey>, key: IndexedKey, facts: KeyFacts, findings: Finding[]): void {
  const pool = facts.appPoolId;
  const name = pool?.value.trim();
  if (!pool || !name || context.index.keysAt(APP_POOLS).length === 0) return;
  if (context.index.keysAt(`${APP_POOLS}/${normalLocation(name)}`).some((k) => k.key!.type === 'IIsApplicationPool')) return;
  const pools = context.index.keysAt(APP_POOLS)[0];
  findings.push({
    rule: 'apppool-missing', ...valueRange(key, pool),
    message: `no IIsApplicationPool key '/LM/W3SVC/AppPools/${name}' in this file: the application answers 503 (Service Unavailable)`,
    fixes: [],
    related: [{ start: pools.start + pools.key!.location!.start, end: pools.start + pools.key!.location!.end, message: 'the application pools' }],
  });
}

function* siteBindings(key: IndexedKey, facts: KeyFacts): Generator<[string, { text: string; start: number; end: number }]> {
  if (facts.serverAutoStart?.value.trim().toUpperCase() === 'FALSE') return;
  const service = key.key!.location!.key.startsWith(W3SVC) ? 'w' : 'f';
  for (const item of facts.serverBindings?.items ?? []) yield [`${service}|server|`, item];
  for (const item of facts.secureBindings?.items ?? []) yield [`${service}|secure|`, item];
}

function checkBindings(context: CrossContext<IndexedKey>, key: IndexedKey, facts: KeyFacts, findings: Finding[]): void {
  const location = key.key!.location!.key;
  if (!SITE.test(location) || context.index.keysAt(location)[0] !== key) return;
  for (const [prefix, item] of siteBindings(key, facts)) {
    const first = context.firstBinding(prefix + item.text);
    if (!first || first.key === key) continue;
    findings.push({
      rule: 'binding-duplicate', start: key.start + item.start, end: key.start + item.end, fixes: [],
      message: `the started site ${first.location} has the binding '${item.text}' already: IIS does not start this site (both sites would listen on the same IP address, port${prefix.includes('server') ? ' and host header' : ''})`,
      related: [{ start: first.start, end: first.end, message: `the same binding on ${first.location}` }],
    });
  }
}

function checkRestrictions(context: CrossContext<IndexedKey>, key: IndexedKey, facts: KeyFacts, findings: Finding[]): void {
  const maps = facts.scriptMaps;
  if (!maps) return;
  const service = context.index.keysAt(W3SVC)[0];
  const list = service && context.facts(service).restrictions;
  if (!service || !list) return;
  const index = restrictionIndex(list.entries);
  for (const item of maps.items) {
    if (item.kind === 'other') continue;
    // An entry of its own decides, allowed or prohibited (a prohibited extension is IIS Manager's deliberate "Prohibited").
    if (index.programs.has(item.program)) continue;
    const catchAll = index.firstByPath.get(`*.${item.kind}`);
    if (catchAll?.allowed) continue;
    findings.push({
      rule: 'scriptmap-not-allowed', start: key.start + item.pathStart, end: key.start + item.pathEnd,
      message: `'${item.path}' is not in WebSvcExtRestrictionList on /LM/W3SVC and unknown ${item.kind === 'dll' ? 'ISAPI extensions' : 'CGI programs'} are ${catchAll ? `prohibited (0,*.${item.kind})` : 'not allowed'}: requests for '${item.extension}' answer 404.2`,
      fixes: allowFix(context, service, list, item),
      related: [{ ...valueRange(service, list), message: 'the Web service extension restriction list' }],
    });
  }
}

/** A restriction list indexed once: the programs it names, and the first entry of each path. */
interface RestrictionIndex {
  programs: ReadonlySet<string>;
  firstByPath: ReadonlyMap<string, Restriction>;
}

const restrictionIndexes = new WeakMap<Restriction[], RestrictionIndex>();

function restrictionIndex(entries: Restriction[]): RestrictionIndex {
  let index = restrictionIndexes.get(entries);
  if (!index) {
    const firstByPath = new Map<string, Restriction>();
    for (const e of entries) if (!firstByPath.has(e.path)) firstByPath.set(e.path, e);
    index = { programs: new Set(entries.map((e) => e.program)), firstByPath };
    restrictionIndexes.set(entries, index);
  }
  return index;
}

/** The items of a list without the script flag that a key without AccessExecute cannot run; read once per list. */
const withoutScriptFlag = new WeakMap<MapItem[], MapItem[]>();

function needingExecute(items: MapItem[]): MapItem[] {
  let offending = withoutScriptFlag.get(items);
  if (!offending) withoutScriptFlag.set(items, (offending = items.filter((i) => !i.wildcard && i.kind !== 'other' && i.flags !== undefined && !(i.flags & SCRIPT_FLAG))));
  return offending;
}

/** Adds `1,<processor>,1,<name>,<name>` to the list (a CGI entry repeats the program with its arguments). */
function allowFix(context: CrossContext<IndexedKey>, service: IndexedKey, list: OwnValue, item: MapItem): Fix[] {
  const entry = item.kind === 'exe' ? item.field : item.path;
  if (entry.includes(',')) return [];
  const text = context.text;
  const start = service.start + list.valueStart;
  const end = service.start + list.valueEnd;
  const raw = text.slice(start, end);
  const lineBreak = /\r\n|\r|\n|&#13;&#10;|&#10;|&#xA;/i.exec(raw)?.[0] ?? (text.includes('\r\n') ? '\r\n' : '\n');
  const indent = /(?:\r\n|\r|\n)([ \t]*)/.exec(raw)?.[1] ?? '\t\t\t';
  const quote = text[end] === "'" ? "'" : '"';
  const file = entry.replace(/^"/, '').split(/[\\/]/).pop()!.replace(/\.(dll|exe).*$/i, '');
  const line = `1,${entry},1,${file},${file}`;
  return [{
    title: `Allow '${entry}' in WebSvcExtRestrictionList`,
    edits: [{ start: end, end, newText: `${raw.trim() === '' ? '' : `${lineBreak}${indent}`}${encodeAttributeText(line, quote)}` }],
  }];
}

/**
 * The summary the hover, the code lens and the rule give of an own list against the inherited one; the
 * lists name their first few extensions only (`dropped` may hold just those, of `droppedCount` in all).
 */
export function describeOverride(inherited: number, from: string, dropped: string[], added: string[], droppedCount = dropped.length): string {
  const parts = [droppedCount ? `drops ${listed(dropped, droppedCount)}` : '', added.length ? `adds ${listed(added)}` : ''].filter((p) => p);
  return `replaces the ${inherited} item${inherited === 1 ? '' : 's'} inherited from ${from}${parts.length ? `: ${parts.join('; ')}` : ''}`;
}

/** What a key's own ScriptMaps list replaces: the inherited list, its key, and the extensions it drops and adds. */
export interface Override {
  own: NonNullable<KeyFacts['scriptMaps']>;
  inherited: Inherited<NonNullable<KeyFacts['scriptMaps']>>;
  from: string;
  /** The first MAX_NAMED extensions dropped, of droppedCount. */
  dropped: string[];
  droppedCount: number;
  added: string[];
}

/** A list's extensions, lower case to as written (the first item of each); read once per list. */
const extensionMaps = new WeakMap<MapItem[], Map<string, string>>();

function extensionsOf(items: MapItem[]): Map<string, string> {
  let map = extensionMaps.get(items);
  if (!map) {
    map = new Map();
    for (const i of items) if (!map.has(i.extension.toLowerCase())) map.set(i.extension.toLowerCase(), i.extension);
    extensionMaps.set(items, map);
  }
  return map;
}

/**
 * Undefined when the key sets no ScriptMaps, or nothing above it does. Extensions compare ignoring case.
 * Linear in the own list (plus the first dropped names): K keys that replace one list of M items cost K + M, not K × M.
 */
export function overrideOf(context: CrossContext<IndexedKey>, key: IndexedKey): Override | undefined {
  const own = context.facts(key).scriptMaps;
  const inherited = own && context.inheritedScriptMaps(key);
  if (!own || !inherited) return undefined;
  const mine = extensionsOf(own.items);
  const theirs = extensionsOf(inherited.value.items);
  const added: string[] = [];
  let kept = 0;
  for (const [ext, written] of mine) {
    if (theirs.has(ext)) kept++;
    else added.push(written);
  }
  const droppedCount = theirs.size - kept;
  const dropped: string[] = [];
  // Every extension of theirs passed over here is one of mine (kept), so this loop is bounded by the own list.
  for (const [ext, written] of theirs) {
    if (dropped.length === Math.min(droppedCount, MAX_NAMED)) break;
    if (!mine.has(ext)) dropped.push(written);
  }
  return { own, inherited, from: context.path(inherited.key), dropped, droppedCount, added };
}

function checkOverride(context: CrossContext<IndexedKey>, key: IndexedKey, findings: Finding[]): void {
  const o = overrideOf(context, key);
  if (!o || o.droppedCount === 0) return;
  findings.push({
    rule: 'scriptmaps-override-drops', start: key.start + o.own.nameStart, end: key.start + o.own.nameEnd, fixes: [],
    message: `${describeOverride(o.inherited.value.items.length, o.from, o.dropped, o.added, o.droppedCount)} (a list set here replaces the inherited one whole)`,
    related: [{ start: o.inherited.key.start + o.inherited.value.nameStart, end: o.inherited.key.start + o.inherited.value.nameEnd, message: `the list inherited from ${o.from}` }],
  });
}

/** A key that serves files: a virtual directory, a directory, a file, or an untyped key under a site's ROOT. */
function isContent(key: IndexedKey): boolean {
  const type = key.key!.type;
  return CONTENT_TYPES.has(type) || (type === UNTYPED_KEY && UNDER_ROOT.test(key.key!.location!.key));
}

function checkExecute(context: CrossContext<IndexedKey>, key: IndexedKey, facts: KeyFacts, findings: Finding[]): void {
  if (!isContent(key)) return;
  // Judged where the combination is made: a key that sets either property, and a site's ROOT (which inherits both).
  if (!facts.scriptMaps && !facts.accessFlags && !SITE_ROOT.test(key.key!.location!.key)) return;
  const maps = context.effectiveScriptMaps(key);
  if (!maps) return;
  // No key of the file sets AccessFlags on the path: the keys above are not in the file (an export), so it is not known.
  const access = context.effectiveAccess(key);
  const bits = access?.value.bits;
  if (!access || bits === undefined || bits & ACCESS_EXECUTE) return;
  const offending = needingExecute(maps.value.items);
  if (offending.length === 0) return;
  const accessText = `'${access.value.value}'${access.key === key ? '' : ` (from ${context.path(access.key)})`}`;
  const accessRelated: Related[] = access.key !== key ? [{ ...valueRange(access.key, access.value), message: 'the AccessFlags that apply' }] : [];
  if (maps.key === key) {
    for (const item of offending) {
      findings.push({
        rule: 'scriptmap-needs-execute', start: key.start + item.flagsStart, end: key.start + item.flagsEnd, fixes: [],
        message: `'${item.extension}' is mapped without the script flag (1), so it runs only where AccessFlags has AccessExecute; AccessFlags here is ${accessText}: requests answer 403.1 (Execute access forbidden)`,
        related: accessRelated,
      });
    }
    return;
  }
  const at = facts.accessFlags ? valueRange(key, facts.accessFlags) : { start: key.start + key.key!.location!.start, end: key.start + key.key!.location!.end };
  const from = context.path(maps.key);
  findings.push({
    rule: 'scriptmap-needs-execute', ...at, fixes: [],
    message: `the script maps inherited from ${from} for ${listed(offending.map((i) => i.extension))} lack the script flag (1), so they run only with AccessExecute; AccessFlags here is ${accessText}: requests answer 403.1 (Execute access forbidden)`,
    related: [...offending.slice(0, 10).map((i) => ({ start: maps.key.start + i.flagsStart, end: maps.key.start + i.flagsEnd, message: `the flags of '${i.extension}' on ${from}` })), ...accessRelated],
  });
}
