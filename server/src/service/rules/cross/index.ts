// The checks across keys: what IIS does with a key given the others. A script map whose processor
// WebSvcExtRestrictionList does not allow (404.2), a script map without the script flag where the effective
// AccessFlags lack AccessExecute (403.1), an own ScriptMaps list that drops inherited mappings, an AppPoolId
// with no pool (503), two started sites with the same binding, and an AppRoot that is not the key's Location.
//
// One pass over the keys: each key's facts are read once (see facts.ts) and the inherited ones are resolved
// top-down with a memo, so the pass is linear in the number of keys.

import { IndexedKey, KeyIndex } from '../../model/keyIndex';
import { documentLineBreak, firstSeparator } from '../../model/multisz';
import { normalLocation } from '../../model/summary';
import { clip, quoted } from '../../quote';
import { SchemaFacts, UNTYPED_KEY } from '../../schema';
import { DecodedText, encodeAttributeText } from '../../xml/entities';
import { deletesLineBreak } from '../edits';
import { boolOf } from '../properties/bool';
import { Finding, Fix, Related } from '../finding';
import { MAX_NAMED, listed } from '../listed';
import { KeyFacts, ListItem, MapItem, OwnValue, Restriction, keyFacts } from './facts';


const W3SVC = '/lm/w3svc';
const APP_POOLS = '/lm/w3svc/apppools';
const ACCESS_EXECUTE = 4;
const SCRIPT_FLAG = 1;
const SITE = /^\/lm\/(w3svc|msftpsvc)\/[1-9]\d*$/;
const CONTENT_TYPES: ReadonlySet<string> = new Set(['IIsWebVirtualDir', 'IIsWebDirectory', 'IIsWebFile']);
const SITE_ROOT = /^\/lm\/w3svc\/[1-9]\d*\/root$/;
const UNDER_ROOT = /^\/lm\/w3svc\/[1-9]\d*\/root(\/|$)/;
const KEYS_PER_STEP = 5000;
const TEMPLATES = /^\/lm\/w3svc\/info\/templates(\/|$)/;
/** A Location of another service than the Web service (FTP, SMTP, ...): no pools, no script maps run there. */
const OTHER_SERVICE = /^\/lm\/(?!w3svc(\/|$))[^/]+(\/|$)/;
const IIS5_ISOLATION = 'IIs5IsolationModeEnabled';
/** The services whose sites have bindings. */
const SERVICES = [W3SVC, '/lm/msftpsvc'];

/** A value that keys below see (undefined when it does not pass down). */
function inheritable<T extends OwnValue>(value: T | undefined): T | undefined {
  return value?.inherit ? value : undefined;
}

interface Inherited<T> {
  key: IndexedKey;
  value: T;
}

/** The site that owns a binding, and where the binding is. */
interface BindingOwner<K> {
  key: K;
  start: number;
  end: number;
  location: string;
}

/** What the checks of one key need of the others, resolved once per pass and memoised. */
export class CrossContext<K extends IndexedKey> {
  private readonly scriptMaps = new Map<string, Inherited<NonNullable<KeyFacts['scriptMaps']>> | null>();
  private readonly access = new Map<string, Inherited<NonNullable<KeyFacts['accessFlags']>> | null>();
  private readonly pools = new Map<string, Inherited<NonNullable<KeyFacts['appPoolId']>> | null>();
  private isolated?: boolean;
  private serviceKey?: K | null;
  private poolsKey?: K | null;
  private readonly poolNames = new Map<string, boolean>();

  /**
   * The text is given, or got when first read (a parted document is joined only when a check reads it: most
   * read the facts kept on the keys).
   */
  constructor(private readonly source: string | (() => string), readonly index: KeyIndex<K>, readonly schema: SchemaFacts) {}

  get text(): string {
    return typeof this.source === 'string' ? this.source : this.source();
  }

  facts(key: IndexedKey): KeyFacts {
    return keyFacts(() => this.text, key, this.schema);
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
    return this.inherited(key, this.scriptMaps, (f) => inheritable(f.scriptMaps));
  }

  effectiveAccess(key: IndexedKey): Inherited<NonNullable<KeyFacts['accessFlags']>> | undefined {
    const own = this.facts(key).accessFlags;
    return own ? { key, value: own } : this.inherited(key, this.access, (f) => inheritable(f.accessFlags));
  }

  effectivePool(key: IndexedKey): Inherited<NonNullable<KeyFacts['appPoolId']>> | undefined {
    const own = this.facts(key).appPoolId;
    return own ? { key, value: own } : this.inherited(key, this.pools, (f) => inheritable(f.appPoolId));
  }

  /** The first /LM/W3SVC key, if any (looked up once per pass). */
  service(): K | undefined {
    if (this.serviceKey === undefined) this.serviceKey = this.index.keysAt(W3SVC)[0] ?? null;
    return this.serviceKey ?? undefined;
  }

  /** The first /LM/W3SVC/AppPools key, if any (looked up once per pass). */
  appPools(): K | undefined {
    if (this.poolsKey === undefined) this.poolsKey = this.index.keysAt(APP_POOLS)[0] ?? null;
    return this.poolsKey ?? undefined;
  }

  /** Whether /LM/W3SVC runs in IIS 5.0 isolation mode, where no application pool is used. */
  iis5Isolation(): boolean {
    if (this.isolated === undefined) {
      const service = this.service();
      // Not set on /LM/W3SVC: the schema's default holds (TRUE in IIS 6's own), as IIS reads it.
      const value = service && (this.facts(service).iis5Isolation?.value ?? this.schema.property(IIS5_ISOLATION)?.default);
      this.isolated = value !== undefined && boolOf(value) === true;
    }
    return this.isolated;
  }

  /** Whether the file has an IIsApplicationPool key for the pool of this (trimmed) name. */
  hasPool(name: string): boolean {
    let found = this.poolNames.get(name);
    if (found === undefined) {
      found = this.index.keysAt(`${APP_POOLS}/${normalLocation(name)}`).some((k) => k.key!.type === 'IIsApplicationPool');
      this.poolNames.set(name, found);
    }
    return found;
  }

  /** The value the keys above `key` give (the first key of each present ancestor Location), memoised per Location. */
  inherited<T>(key: IndexedKey, memo: Map<string, Inherited<T> | null>, pick: (f: KeyFacts) => T | undefined): Inherited<T> | undefined {
    const chain: string[] = [];
    let result: Inherited<T> | null | undefined;
    let parent = this.index.parentKeyOf(key as K);
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
      parent = this.index.parentKeyOf(parent);
    }
    for (const location of chain) memo.set(location, result ?? null);
    return result ?? undefined;
  }

  /** Whether another site than `location` has this binding (in any list, started or not). */
  sharesBinding(location: string, binding: string): boolean {
    const sites = sitesByBinding(this.index, (k) => this.facts(k)).sites.get(binding);
    return typeof sites === 'string' ? sites !== location : sites !== undefined && sites.some((s) => s !== location);
  }

  /** The first started site (in document order) with this binding of this kind (see siteBindings), memoised per pass. */
  firstBinding(kind: string, binding: string): BindingOwner<K> | undefined {
    let owners = this.owners.get(kind);
    if (!owners) this.owners.set(kind, (owners = new Map<string, BindingOwner<K> | undefined>()));
    if (owners.has(binding)) return owners.get(binding);
    let first: BindingOwner<K> | undefined;
    for (const location of sitesWith(sitesByBinding(this.index, (k) => this.facts(k)), binding)) {
      const site = this.index.keysAt(location)[0];
      if (!site || (first && first.key.start < site.start)) continue;
      const item = siteBindings(site, this.facts(site)).find(([prefix]) => prefix === kind)?.[1].find((i) => i.text === binding);
      if (item) first = { key: site, start: site.start + item.start, end: site.start + item.end, location: this.path(site) };
    }
    owners.set(binding, first);
    return first;
  }

  /** The owner of each binding asked for, by kind. */
  private readonly owners = new Map<string, Map<string, BindingOwner<K> | undefined>>();
}

/** The findings across keys of every key, with document offsets; yields every few thousand keys. */
export function* crossSteps<K extends IndexedKey>(context: CrossContext<K>, only?: ReadonlySet<string>): Generator<void, Map<K, Finding[]>, void> {
  // A pass over every key follows changes the site index was not told of: it is made anew.
  if (!only) bindingIndexes.delete(context.index);
  const found = new Map<K, Finding[]>();
  let n = 0;
  const places = only ? [...only].map((location) => ({ keys: context.index.keysAt(location) })) : context.index.allPlaces();
  for (const { keys } of places) {
    for (const key of keys) {
      const findings = crossFindingsOf(context, key);
      if (findings.length) found.set(key, findings);
      if (++n % KEYS_PER_STEP === 0) yield;
    }
  }
  return found;
}

/**
 * The sites of a file by binding (any list, started or not), kept with its key index from pass to pass:
 * made in a pass over every key, and told of the sites whose keys an update reads again (see
 * beyondSubtrees), so that a keystroke in a binding looks at the sites that share it, not at every site.
 */
interface BindingIndex {
  /** One site Location (most bindings are one site's own), or several in the order they were indexed. */
  sites: Map<string, string | string[]>;
  /** The bindings each site Location is indexed under (those of its first key). */
  of: Map<string, readonly string[]>;
}

const bindingIndexes = new WeakMap<KeyIndex<IndexedKey>, BindingIndex>();

function sitesByBinding(index: KeyIndex<IndexedKey>, facts: (k: IndexedKey) => KeyFacts): BindingIndex {
  let found = bindingIndexes.get(index);
  if (!found) {
    found = { sites: new Map(), of: new Map() };
    for (const location of siteLocations(index)) indexSite(found, location, allBindings(facts(index.keysAt(location)[0])));
    bindingIndexes.set(index, found);
  }
  return found;
}

/** Indexes a site Location under `bindings` (none: it is no site any more). */
function indexSite(index: BindingIndex, location: string, bindings: readonly ListItem[]): void {
  for (const binding of index.of.get(location) ?? []) removeSite(index.sites, binding, location);
  const texts = bindings.map((b) => b.text);
  if (texts.length) index.of.set(location, texts);
  else index.of.delete(location);
  // The site is in none of the lists now, and is added to them one after the other: a binding it lists
  // twice finds it last in its list already.
  for (const text of texts) {
    const sites = index.sites.get(text);
    if (sites === undefined) index.sites.set(text, location);
    else if (typeof sites === 'string') {
      if (sites !== location) index.sites.set(text, [sites, location]);
    } else if (sites[sites.length - 1] !== location) sites.push(location);
  }
}

function removeSite(sites: BindingIndex['sites'], binding: string, location: string): void {
  const now = sites.get(binding);
  if (now === location) sites.delete(binding);
  else if (typeof now === 'object') {
    const at = now.indexOf(location);
    if (at >= 0) now.splice(at, 1);
    if (now.length === 1) sites.set(binding, now[0]);
  }
}

/** The site Locations indexed under a binding. */
function sitesWith(index: BindingIndex, binding: string): readonly string[] {
  const sites = index.sites.get(binding);
  return sites === undefined ? [] : typeof sites === 'string' ? [sites] : sites;
}

/**
 * The Locations outside the subtrees of `keys` (old and new readings of keys read again) whose findings they
 * can change: the other sites that have one of a changed site's bindings (the first such site in the file
 * owns it). Undefined when any key's can: /LM/W3SVC (the restriction list, the isolation mode) and its
 * ancestors, the pools, or a key whose facts were never read. Tells the site index of the sites read again.
 */
export function beyondSubtrees(keys: readonly IndexedKey[], index: KeyIndex<IndexedKey>): Set<string> | undefined {
  const bindings = new Set<string>();
  const sites = new Set<string>();
  for (const k of keys) {
    const location = k.key?.location?.key;
    if (location === undefined) continue;
    if (location === APP_POOLS || location.startsWith(`${APP_POOLS}/`) || W3SVC.startsWith(location === '/' ? '/' : `${location}/`) || location === W3SVC) return undefined;
    if (!SITE.test(location)) continue;
    const facts = k.crossFacts as KeyFacts | undefined;
    if (!facts) return undefined;
    for (const item of allBindings(facts)) bindings.add(item.text);
    sites.add(location);
  }
  const found = new Set<string>();
  if (sites.size === 0) return found;
  const known = bindingIndexes.get(index);
  if (!known) return undefined;
  // A site Location's first key may be another one now (its first key moved or deleted): what it had and has counts.
  for (const location of sites) {
    const first = index.keysAt(location)[0];
    const facts = first?.crossFacts as KeyFacts | undefined;
    if (first && !facts) {
      bindingIndexes.delete(index);
      return undefined;
    }
    for (const binding of known.of.get(location) ?? []) bindings.add(binding);
    const now = facts ? allBindings(facts) : [];
    for (const item of now) bindings.add(item.text);
    indexSite(known, location, now);
  }
  for (const binding of bindings) for (const location of sitesWith(known, binding)) found.add(location);
  return found;
}

/** The sites' Locations: among the tops below the two services (present or not), not a look at every Location. */
function siteLocations(index: KeyIndex<IndexedKey>): string[] {
  return SERVICES.flatMap((service) => index.topsBelow(service)).filter((location) => SITE.test(location));
}

/** A site's bindings of both lists, started or not. */
function allBindings(facts: KeyFacts): readonly ListItem[] {
  return [...facts.serverBindings?.items ?? [], ...facts.secureBindings?.items ?? []];
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
  if (!appRoot || isTemplate(key) || normalLocation(appRoot.value.trim()) === key.key!.location!.key) return;
  const path = context.path(key);
  const quote = context.text[key.start + appRoot.valueEnd] === "'" ? "'" : '"';
  // The path is compared trimmed: the white space around it stays (a raw line break there is a line of the file).
  const decoded = DecodedText.decode(context.text, key.start + appRoot.valueStart, key.start + appRoot.valueEnd);
  const end = decoded.text.trimEnd().length;
  const start = Math.min(decoded.text.length - decoded.text.trimStart().length, end);
  const edit = { start: decoded.raw(start), end: decoded.raw(end), newText: encodeAttributeText(path, quote) };
  findings.push({
    rule: 'approot-mismatch', ...valueRange(key, appRoot),
    message: `AppRoot ${quoted(appRoot.value)} is not this key's Location ${quoted(path)}: IIS takes the key for part of the application at ${quoted(appRoot.value)} (a copied virtual directory?)`,
    // A value with a raw line break inside would lose it (two lines of the file joined): no fix.
    fixes: deletesLineBreak(context.text, edit) ? [] : [{ title: `Change AppRoot to ${quoted(path)}`, edits: [edit] }],
  });
}

/**
 * A pool is judged where an application (a key with AppRoot) resolves to it: on its own AppPoolId, or on its
 * AppRoot when it inherits the AppPoolId (a value that no application uses serves no request). Not in IIS 5.0
 * isolation mode (no pools run), nor on the site templates.
 */
function checkAppPool(context: CrossContext<IndexedKey>, key: IndexedKey, facts: KeyFacts, findings: Finding[]): void {
  if (!facts.appRoot || isTemplate(key) || isOtherService(key) || !context.appPools() || context.iis5Isolation()) return;
  const pool = context.effectivePool(key);
  const name = pool?.value.value.trim();
  if (!pool || !name) return;
  if (context.hasPool(name)) return;
  const pools = context.appPools()!;
  const poolsRelated: Related = { start: pools.start + pools.key!.location!.start, end: pools.start + pools.key!.location!.end, message: 'the application pools' };
  const missing = `no IIsApplicationPool key ${quoted(`/LM/W3SVC/AppPools/${name}`)} in this file`;
  if (pool.key === key) {
    findings.push({
      rule: 'apppool-missing', ...valueRange(key, pool.value), fixes: [], related: [poolsRelated],
      message: `${missing}: the application ${clip(context.path(key))} answers 503 (Service Unavailable)`,
    });
    return;
  }
  const from = clip(context.path(pool.key));
  findings.push({
    rule: 'apppool-missing', ...valueRange(key, facts.appRoot), fixes: [],
    message: `the application ${clip(context.path(key))} runs in the pool ${quoted(name)} that it inherits from ${from}, and there is ${missing}: the application answers 503 (Service Unavailable)`,
    related: [{ ...valueRange(pool.key, pool.value), message: `the AppPoolId set on ${from}` }, poolsRelated],
  });
}

/** What a key's Location is to these checks: bits of kindOf. */
const OTHER_SERVICE_KEY = 1;
const TEMPLATE_KEY = 2;
const SITE_KEY = 4;
const SITE_ROOT_KEY = 8;
const UNDER_ROOT_KEY = 16;
/** Kept on a key's place in the index (a place keeps its Location): a few regular expressions per key and check cost more than the checks. */
function kindOf(key: IndexedKey): number {
  const place = key.place;
  if (place && place.kind >= 0) return place.kind;
  const location = key.key!.location!.key;
  const kind = (OTHER_SERVICE.test(location) ? OTHER_SERVICE_KEY : 0) | (TEMPLATES.test(location) ? TEMPLATE_KEY : 0) |
    (SITE.test(location) ? SITE_KEY : 0) | (SITE_ROOT.test(location) ? SITE_ROOT_KEY : 0) | (UNDER_ROOT.test(location) ? UNDER_ROOT_KEY : 0);
  if (place) place.kind = kind;
  return kind;
}

/** A key of another service than the Web service. */
function isOtherService(key: IndexedKey): boolean {
  return (kindOf(key) & OTHER_SERVICE_KEY) !== 0;
}

/** A key under /LM/W3SVC/Info/Templates: a site template, which serves no request. */
function isTemplate(key: IndexedKey): boolean {
  return (kindOf(key) & TEMPLATE_KEY) !== 0;
}

/** A started site's bindings by kind: the service ('w' or 'f') and the list (server or secure). */
function siteBindings(key: IndexedKey, facts: KeyFacts): Array<[string, readonly ListItem[]]> {
  if (facts.serverAutoStart && boolOf(facts.serverAutoStart.value) === false) return [];
  // Constant names (a name made anew per key would be hashed anew per lookup).
  const [server, secure] = key.key!.location!.key.startsWith(W3SVC) ? ['w|server', 'w|secure'] : ['f|server', 'f|secure'];
  return [[server, facts.serverBindings?.items ?? []], [secure, facts.secureBindings?.items ?? []]];
}

function checkBindings(context: CrossContext<IndexedKey>, key: IndexedKey, facts: KeyFacts, findings: Finding[]): void {
  const location = key.key!.location!.key;
  if (!(kindOf(key) & SITE_KEY) || key.place?.keys[0] !== key) return;
  for (const [prefix, items] of siteBindings(key, facts)) for (const item of items) {
    // Most bindings are one site's own: no other site to look for.
    if (!context.sharesBinding(location, item.text)) continue;
    const first = context.firstBinding(prefix, item.text);
    if (!first || first.key === key) continue;
    findings.push({
      rule: 'binding-duplicate', start: key.start + item.start, end: key.start + item.end, fixes: [],
      message: `the started site ${clip(first.location)} has the binding ${quoted(item.text)} already: IIS does not start this site (both sites would listen on the same IP address${prefix.includes('server') ? ', port and host header' : ' and port'})`,
      related: [{ start: first.start, end: first.end, message: `the same binding on ${clip(first.location)}` }],
    });
  }
}

function checkRestrictions(context: CrossContext<IndexedKey>, key: IndexedKey, facts: KeyFacts, findings: Finding[]): void {
  const maps = facts.scriptMaps;
  if (!maps || isTemplate(key) || isOtherService(key)) return;
  const service = context.service();
  const list = service && context.facts(service).restrictions;
  if (!service || !list) return;
  for (const [item, verdict] of refused(list.entries, maps.items)) {
    const ext = `requests for ${quoted(item.extension)} answer 404.2`;
    const unknown = item.kind === 'dll' ? 'ISAPI extensions' : 'CGI programs';
    const policy = verdict.catchAll ? `prohibited (0,${verdict.catchAll.written})` : 'not allowed';
    const maybe = hasVariable(item.path) ? ` (if IIS does not expand ${quoted(variableOf(item.path))}, nothing can match it)` : '';
    findings.push({
      rule: 'scriptmap-not-allowed', start: key.start + maps.valueStart + item.pathStart, end: key.start + maps.valueStart + item.pathEnd,
      message: verdict.near
        ? `WebSvcExtRestrictionList on /LM/W3SVC allows ${quoted(verdict.near.written)}, which ${verdict.near.program === verdict.near.path ? 'lacks the arguments' : 'has other arguments'}: for a CGI IIS compares the whole command line ${quoted(item.field)}, and unknown CGI programs are ${policy}: ${ext}`
        : `${quoted(commandOf(item))} is not in WebSvcExtRestrictionList on /LM/W3SVC and unknown ${unknown} are ${policy}: ${ext}${maybe}`,
      fixes: allowFix(context, service, list, item),
      related: [{ ...valueRange(service, list), message: 'the Web service extension restriction list' }],
    });
  }
}

/**
 * The items of a list that the restriction list refuses with no entry of their own, with the verdicts; read
 * once per list and restriction list (the keys that carry one list share its items).
 */
function refused(entries: readonly Restriction[], items: readonly MapItem[]): Array<[MapItem, RestrictionVerdict]> {
  const cached = refusedItems.get(items);
  if (cached?.entries === entries) return cached.refused;
  const found: Array<[MapItem, RestrictionVerdict]> = [];
  for (const item of items) {
    if (item.afterBlank) continue;
    const verdict = restrictionVerdict(entries, item);
    // An entry of its own decides, allowed or prohibited (a prohibited one is IIS Manager's deliberate "Prohibited": see the hover).
    if (verdict && !verdict.allowed && !verdict.entry) found.push([item, verdict]);
  }
  refusedItems.set(items, { entries, refused: found });
  return found;
}

const refusedItems = new WeakMap<readonly MapItem[], { entries: readonly Restriction[]; refused: Array<[MapItem, RestrictionVerdict]> }>();

/** What the restriction list names a processor by: the path of an ISAPI extension, a CGI's whole command line. */
function commandOf(item: MapItem): string {
  return item.kind === 'dll' ? item.path : item.field;
}

export interface RestrictionVerdict {
  allowed: boolean;
  /** The entry that names the processor (allowed or prohibited); undefined: the catch-all decides. */
  entry?: Restriction;
  /** The `*.dll` / `*.exe` entry that governs the processors no entry names. */
  catchAll?: Restriction;
  /** For a CGI no entry names: an allowed entry for the same program with other (or no) arguments. */
  near?: Restriction;
}

/**
 * How IIS judges a script map's processor against WebSvcExtRestrictionList: a path ending in .dll is an
 * ISAPI extension, compared by path; anything else is a CGI, compared by its whole command line (arguments
 * included, ignoring case, runs of white space as one). An entry that names the processor decides; else the
 * catch-all `*.dll` or `*.exe`. An entry with a `%VAR%` matches a path that ends with what follows the
 * variable (whether IIS expands it is not documented). Undefined for an item without a processor.
 */
export function restrictionVerdict(entries: readonly Restriction[], item: MapItem): RestrictionVerdict | undefined {
  if (item.path === '') return undefined;
  // The processor field decides the rest (its path, kind and program are read from it).
  const index = restrictionIndex(entries);
  if (index.verdicts.has(item.field)) return index.verdicts.get(item.field);
  const verdict = judge(entries, index, item);
  index.verdicts.set(item.field, verdict);
  return verdict;
}

function judge(entries: readonly Restriction[], index: RestrictionIndex, item: MapItem): RestrictionVerdict {
  const cgi = item.kind !== 'dll';
  const name = cgi ? commandOfText(item.field) : item.program;
  // A processor with a variable matches by suffix: it is compared with every entry (rare).
  const linear = hasVariable(name) || hasVariable(item.program);
  const named = (exact: Restriction | undefined, matches: (e: Restriction) => boolean) =>
    (linear ? entries.find((e) => !isCatchAll(e) && matches(e)) : firstOf(index, exact, matches));
  const entry = named((cgi ? index.byCommand : index.byProgram).get(name), (e) => sameProgram(cgi ? commandOfText(e.path) : e.program, name));
  if (entry) return { allowed: entry.allowed, entry };
  const catchAll = index.catchAlls.get(cgi ? '*.exe' : '*.dll');
  if (catchAll?.allowed) return { allowed: true, catchAll };
  const near = cgi ? named(index.allowedByProgram.get(item.program), (e) => e.allowed && sameProgram(e.program, item.program)) : undefined;
  return { allowed: false, catchAll, near };
}

/**
 * A restriction list indexed once (a list is compared with every script map of the file): the first entry
 * by each name it is compared by, and the few entries with a `%VAR%`, which match by suffix.
 */
interface RestrictionIndex {
  position: ReadonlyMap<Restriction, number>;
  byProgram: ReadonlyMap<string, Restriction>;
  byCommand: ReadonlyMap<string, Restriction>;
  allowedByProgram: ReadonlyMap<string, Restriction>;
  catchAlls: ReadonlyMap<string, Restriction>;
  withVariables: readonly Restriction[];
  /** The verdicts given so far, by processor field. */
  verdicts: Map<string, RestrictionVerdict>;
}

const restrictionIndexes = new WeakMap<readonly Restriction[], RestrictionIndex>();

function restrictionIndex(entries: readonly Restriction[]): RestrictionIndex {
  let index = restrictionIndexes.get(entries);
  if (index) return index;
  const first = <K>(map: Map<K, Restriction>, key: K, e: Restriction) => { if (!map.has(key)) map.set(key, e); };
  const byProgram = new Map<string, Restriction>();
  const byCommand = new Map<string, Restriction>();
  const allowedByProgram = new Map<string, Restriction>();
  const catchAlls = new Map<string, Restriction>();
  const withVariables: Restriction[] = [];
  entries.forEach((e) => {
    if (isCatchAll(e)) return first(catchAlls, e.path, e);
    if (hasVariable(e.path) || hasVariable(e.program)) return void withVariables.push(e);
    first(byProgram, e.program, e);
    first(byCommand, commandOfText(e.path), e);
    if (e.allowed) first(allowedByProgram, e.program, e);
  });
  index = { position: new Map(entries.map((e, i) => [e, i])), byProgram, byCommand, allowedByProgram, catchAlls, withVariables, verdicts: new Map() };
  restrictionIndexes.set(entries, index);
  return index;
}

/** The earlier in the list of `exact` and the first entry with a variable that `matches`. */
function firstOf(index: RestrictionIndex, exact: Restriction | undefined, matches: (e: Restriction) => boolean): Restriction | undefined {
  const variable = index.withVariables.find(matches);
  if (!exact || !variable) return exact ?? variable;
  return index.position.get(exact)! < index.position.get(variable)! ? exact : variable;
}

function isCatchAll(entry: Restriction): boolean {
  return entry.path === '*.dll' || entry.path === '*.exe';
}

/**
 * A CGI command line as the restriction list is compared with it: lower case, the program without the quotes
 * around it (`"C:\x\y.exe" %s` and `C:\x\y.exe %s` name one command), and the arguments with runs of white
 * space as one.
 */
function commandOfText(command: string): string {
  const t = command.trim().toLowerCase();
  let program: string;
  let args: string;
  const quoted = /^"([^"]*)"?/.exec(t);
  if (quoted) {
    program = quoted[1];
    args = t.slice(quoted[0].length);
  } else {
    const end = /\.(dll|exe)(?=[\s"]|$)/.exec(t);
    const space = t.search(/\s/);
    const cut = end ? end.index + end[0].length : space < 0 ? t.length : space;
    program = t.slice(0, cut);
    args = t.slice(cut);
  }
  return `${program.trim()} ${fold(args.trim())}`.trimEnd();
}

function fold(s: string): string {
  return s.replace(/\s+/g, ' ');
}

const VARIABLE = /^%[^%\s]+%/;

function hasVariable(path: string): boolean {
  return VARIABLE.test(path.trim().replace(/^"/, ''));
}

function variableOf(path: string): string {
  return VARIABLE.exec(path.trim().replace(/^"/, ''))?.[0] ?? '';
}

/** Two lower-case names of a program: equal, or one starts with a `%VAR%` and the other ends with what follows it. */
function sameProgram(a: string, b: string): boolean {
  if (a === b) return true;
  const suffix = (s: string) => s.replace(/^"/, '').replace(VARIABLE, '');
  if (hasVariable(a)) return suffix(a) !== '' && b.endsWith(suffix(a));
  if (hasVariable(b)) return suffix(b) !== '' && a.endsWith(suffix(b));
  return false;
}

/** The items of a list without the script flag that a key without AccessExecute cannot run; read once per list. */
const withoutScriptFlag = new WeakMap<readonly MapItem[], MapItem[]>();

function needingExecute(items: readonly MapItem[]): MapItem[] {
  let offending = withoutScriptFlag.get(items);
  if (!offending) withoutScriptFlag.set(items, (offending = items.filter((i) => !i.wildcard && !i.afterBlank && i.path !== '' && i.flags !== undefined && !(i.flags & SCRIPT_FLAG))));
  return offending;
}

/** Adds `1,<processor>,1,<name>,<name>` to the list (a CGI entry repeats the program with its arguments). */
function allowFix(context: CrossContext<IndexedKey>, service: IndexedKey, list: NonNullable<KeyFacts['restrictions']>, item: MapItem): Fix[] {
  const entry = commandOf(item);
  // After a blank item IIS may not read the entry: the blank goes first (item-blank's fix).
  if (entry.includes(',') || list.blank) return [];
  const text = context.text;
  const start = service.start + list.valueStart;
  const end = service.start + list.valueEnd;
  const raw = text.slice(start, end);
  // The new item goes after the list's own line break as written; a list of one line gets the document's.
  const separator = firstSeparator(raw) ?? `${documentLineBreak(text)}\t\t\t`;
  const quote = text[end] === "'" ? "'" : '"';
  const file = entry.replace(/^"/, '').split(/[\\/]/).pop()!.replace(/\..*$/, '');
  const line = `1,${entry},1,${file},${file}`;
  return [{
    title: `Allow ${quoted(entry)} in WebSvcExtRestrictionList`,
    edits: [{ start: end, end, newText: `${raw.trim() === '' ? '' : separator}${encodeAttributeText(line, quote)}` }],
  }];
}

/**
 * The summary the hover, the code lens and the rule give of an own list against the inherited one; the
 * lists name their first few extensions only (`dropped` may hold just those, of `droppedCount` in all).
 */
export function describeOverride(inherited: number, from: string, dropped: string[], added: string[], droppedCount = dropped.length): string {
  const parts = [droppedCount ? `drops ${listed(dropped.map(clip), droppedCount)}` : '', added.length ? `adds ${listed(added.slice(0, MAX_NAMED).map(clip), added.length)}` : ''].filter((p) => p);
  return `replaces the ${inherited} item${inherited === 1 ? '' : 's'} inherited from ${clip(from)}${parts.length ? `: ${parts.join('; ')}` : ''}`;
}

/** What a key's own ScriptMaps list replaces: the inherited list, its key, and the extensions it drops and adds. */
export interface Override {
  own: NonNullable<KeyFacts['scriptMaps']>;
  inherited: Inherited<NonNullable<KeyFacts['scriptMaps']>>;
  from: string;
  /** The items of the inherited list before any blank item (the ones IIS surely reads). */
  inheritedCount: number;
  /** The first MAX_NAMED extensions dropped, of droppedCount. */
  dropped: string[];
  droppedCount: number;
  added: string[];
}

/** An inherited list's extensions, lower case to as written (the first item of each); read once per list. */
const extensionMaps = new WeakMap<readonly MapItem[], Map<string, string>>();

function extensionsOf(items: readonly MapItem[]): Map<string, string> {
  let map = extensionMaps.get(items);
  if (!map) extensionMaps.set(items, (map = readExtensions(items)));
  return map;
}

function readExtensions(items: readonly MapItem[]): Map<string, string> {
  const map = new Map<string, string>();
  // Items after a blank item count in neither list: IIS may ignore them (see item-blank).
  for (const i of items) if (!i.afterBlank && !map.has(i.extensionKey)) map.set(i.extensionKey, i.extension);
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
  return { own, inherited, from: context.path(inherited.key), inheritedCount: countRead(inherited.value.items), ...compareLists(own.items, inherited.value.items) };
}

/** What a list drops and adds of another; once per pair of lists (keys that carry one list share its items). */
function compareLists(ownItems: readonly MapItem[], theirItems: readonly MapItem[]): Pick<Override, 'dropped' | 'droppedCount' | 'added'> {
  const cached = comparisons.get(ownItems);
  if (cached?.theirs === theirItems) return cached.result;
  const theirs = extensionsOf(theirItems);
  // The own extensions are marked with this comparison's number, not put in a map of their own: most own
  // lists are compared once and are nobody's inherited one, and a map per list was most of this pass's garbage.
  const mark = nextMark();
  const added: string[] = [];
  let kept = 0;
  for (const item of ownItems) {
    // Items after a blank item count in neither list: IIS may ignore them (see item-blank).
    const ext = item.extensionKey;
    if (item.afterBlank || marks.get(ext) === mark) continue;
    marks.set(ext, mark);
    if (theirs.has(ext)) kept++;
    else added.push(item.extension);
  }
  const droppedCount = theirs.size - kept;
  const dropped: string[] = [];
  // Every extension of theirs passed over here is one of mine (kept), so this loop is bounded by the own list.
  for (const [ext, written] of theirs) {
    if (dropped.length === Math.min(droppedCount, MAX_NAMED)) break;
    if (marks.get(ext) !== mark) dropped.push(written);
  }
  const result = { dropped, droppedCount, added };
  comparisons.set(ownItems, { theirs: theirItems, result });
  return result;
}

/** The extensions (lower case) of the own list of the latest comparisons, each with the number of the last that met it. */
const marks = new Map<string, number>();
let lastMark = 0;
/** Distinct extensions past which the marks start again (each is a key of the map). */
const MAX_MARKS = 1 << 14;

function nextMark(): number {
  if (marks.size > MAX_MARKS || lastMark === 0x3fffffff) {
    marks.clear();
    lastMark = 0;
  }
  return ++lastMark;
}

const comparisons = new WeakMap<readonly MapItem[], { theirs: readonly MapItem[]; result: Pick<Override, 'dropped' | 'droppedCount' | 'added'> }>();

/** The items of a list before any blank item. */
function countRead(items: readonly MapItem[]): number {
  const blank = items.findIndex((i) => i.afterBlank);
  return blank < 0 ? items.length : blank;
}

function checkOverride(context: CrossContext<IndexedKey>, key: IndexedKey, findings: Finding[]): void {
  if (isTemplate(key) || isOtherService(key)) return;
  const o = overrideOf(context, key);
  if (!o || o.droppedCount === 0) return;
  findings.push({
    rule: 'scriptmaps-override-drops', start: key.start + o.own.nameStart, end: key.start + o.own.nameEnd, fixes: [],
    message: `${describeOverride(o.inheritedCount, o.from, o.dropped, o.added, o.droppedCount)} (a list set here replaces the inherited one whole)`,
    related: [{ start: o.inherited.key.start + o.inherited.value.nameStart, end: o.inherited.key.start + o.inherited.value.nameEnd, message: `the list inherited from ${clip(o.from)}` }],
  });
}

function isContentKey(key: IndexedKey | undefined): boolean {
  return key !== undefined && isContent(key);
}

/** A key that serves files: a virtual directory, a directory, a file, or an untyped key under a site's ROOT. */
function isContent(key: IndexedKey): boolean {
  const type = key.key!.type;
  return CONTENT_TYPES.has(type) || (type === UNTYPED_KEY && (kindOf(key) & UNDER_ROOT_KEY) !== 0);
}

function checkExecute(context: CrossContext<IndexedKey>, key: IndexedKey, facts: KeyFacts, findings: Finding[]): void {
  if (!isContent(key) || isTemplate(key)) return;
  // Judged where the combination is made: a key that sets either property, a site's ROOT (which inherits
  // both), and the topmost content key of the file on a path (its ROOT missing, as in an export); the keys
  // below a judged key that set neither see what it sees.
  if (!facts.scriptMaps && !facts.accessFlags && !(kindOf(key) & SITE_ROOT_KEY) && isContentKey(context.index.parentKeyOf(key))) return;
  const maps = context.effectiveScriptMaps(key);
  if (!maps) return;
  // No key of the file sets AccessFlags on the path: the keys above are not in the file (an export), so it is not known.
  const access = context.effectiveAccess(key);
  const bits = access?.value.bits;
  if (!access || bits === undefined || bits & ACCESS_EXECUTE) return;
  const offending = needingExecute(maps.value.items);
  if (offending.length === 0) return;
  const accessText = `${quoted(access.value.value)}${access.key === key ? '' : ` (from ${clip(context.path(access.key))})`}`;
  const accessRelated: Related[] = access.key !== key ? [{ ...valueRange(access.key, access.value), message: 'the AccessFlags that apply' }] : [];
  if (maps.key === key) {
    for (const item of offending) {
      findings.push({
        rule: 'scriptmap-needs-execute', start: key.start + maps.value.valueStart + item.flagsStart, end: key.start + maps.value.valueStart + item.flagsEnd, fixes: [],
        message: `${quoted(item.extension)} is mapped without the script flag (1), so it runs only where AccessFlags has AccessExecute; AccessFlags here is ${accessText}: requests answer 403.1 (Execute access forbidden)`,
        related: accessRelated,
      });
    }
    return;
  }
  const at = facts.accessFlags ? valueRange(key, facts.accessFlags) : { start: key.start + key.key!.location!.start, end: key.start + key.key!.location!.end };
  const from = clip(context.path(maps.key));
  findings.push({
    rule: 'scriptmap-needs-execute', ...at, fixes: [],
    message: `the script maps inherited from ${from} for ${listed(offending.slice(0, MAX_NAMED).map((i) => clip(i.extension)), offending.length)} lack the script flag (1), so they run only with AccessExecute; AccessFlags here is ${accessText}: requests answer 403.1 (Execute access forbidden)`,
    related: [...offending.slice(0, 10).map((i) => ({ start: maps.key.start + maps.value.valueStart + i.flagsStart, end: maps.key.start + maps.value.valueStart + i.flagsEnd, message: `the flags of ${quoted(i.extension)} on ${from}` })), ...accessRelated],
  });
}
