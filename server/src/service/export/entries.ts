// What a key exports to IIS 7+ (migration.md): its effective ScriptMaps as `<handlers>` entries, each with
// the key it is inherited from, and, on the W3SVC key, its WebSvcExtRestrictionList as
// `<isapiCgiRestriction>` entries. Everything a conversion loses is said in `notes`. The three output
// forms (handlers XML, appcmd, adsutil) are written from this.

import { MetabaseModel } from '../model/document';
import { effectiveScriptMaps, effectiveValue, keyAt, ownProperty } from '../model/inheritance';
import { splitMultisz } from '../model/multisz';
import { ScriptMapItem } from '../model/scriptMap';
import { SchemaFacts } from '../schema';
import { DecodedText } from '../xml/entities';

export interface Handler {
  name: string;
  path: string;
  verb: string;
  modules: string;
  scriptProcessor: string;
  resourceType?: string;
  requireAccess?: string;
  preCondition?: string;
  responseBufferLimit?: string;
  /** The item as IIS 6 has it. */
  item: string;
  /** The Location of the key the item comes from, as written. */
  origin: string;
  /** What the conversion of this item loses or guesses. */
  notes: string[];
}

export interface Restriction {
  path: string;
  allowed: boolean;
  groupId?: string;
  description?: string;
  item: string;
  notes: string[];
}

export interface KeyExport {
  /** The key's Location as written (`/LM/W3SVC/1/ROOT`) and as adsutil names it (`W3SVC/1/ROOT`). */
  location: string;
  adsPath: string;
  /** IIS 7+'s name for it: `Default Web Site/app`; undefined for the server level (/LM/W3SVC). */
  sitePath?: string;
  /** The effective ScriptMaps items as IIS 6 has them, and the key they come from (undefined: none). */
  scriptMaps: string[];
  scriptMapsOrigin?: string;
  handlers: Handler[];
  /** The items that could not become handlers, with the reason. */
  skipped: string[];
  /** `<handlers accessPolicy>`, from the effective AccessFlags. */
  accessPolicy?: string;
  /** The key's own WebSvcExtRestrictionList (W3SVC level only). */
  restrictions?: { items: string[]; entries: Restriction[]; notListedIsapisAllowed: boolean; notListedCgisAllowed: boolean };
  /** What the key as a whole loses. */
  notes: string[];
}

/** A Location that cannot be exported, with the reason. */
export class ExportError extends Error {}

const ACCESS_POLICY: ReadonlyArray<[string, string]> = [
  ['AccessRead', 'Read'], ['AccessWrite', 'Write'], ['AccessScript', 'Script'], ['AccessExecute', 'Execute'], ['AccessSource', 'Source'],
  ['AccessNoRemoteRead', 'NoRemoteRead'], ['AccessNoRemoteWrite', 'NoRemoteWrite'], ['AccessNoRemoteScript', 'NoRemoteScript'], ['AccessNoRemoteExecute', 'NoRemoteExecute'],
];

export function exportKey(text: string, model: MetabaseModel, facts: SchemaFacts, location: string): KeyExport {
  const key = keyAt(model, location);
  if (!key?.key?.location) throw new ExportError(`no key has the Location '${location}'`);
  const written = DecodedText.decode(text, key.start + key.key.location.start, key.start + key.key.location.end).text;
  const w3svc = /^\/LM\/W3SVC(?=\/|$)/i.exec(written);
  if (!w3svc) throw new ExportError(`'${written}' is not a web key (below /LM/W3SVC): only web keys have IIS 7+ handlers`);
  const result: KeyExport = { location: written, adsPath: written.replace(/^\/LM\//i, ''), scriptMaps: [], handlers: [], skipped: [], notes: [] };
  const site = /^\/LM\/W3SVC\/(\d+)((?:\/ROOT)(\/.*)?)?$/i.exec(written);
  if (site) {
    const siteKey = keyAt(model, `/LM/W3SVC/${site[1]}`);
    const comment = siteKey && ownProperty(text, siteKey, facts.property('ServerComment')!);
    const name = comment ? DecodedText.decode(text, comment.valueStart, comment.valueEnd).text.trim() : '';
    if (!name) result.notes.push(`the site /LM/W3SVC/${site[1]} has no ServerComment: named 'Site${site[1]}' here; use the name the site gets on IIS 7+`);
    result.sitePath = `${name || `Site${site[1]}`}${site[3] ?? ''}`;
  } else if (written.replace(/\/+$/, '').length !== w3svc[0].length) {
    throw new ExportError(`'${written}' is neither the web service (/LM/W3SVC) nor a site or a path below a site's ROOT`);
  }

  const maps = effectiveScriptMaps(text, model, facts, written);
  result.scriptMapsOrigin = maps.origin?.location;
  const names = new Map<string, number>();
  for (const { item, origin } of maps.items) {
    result.scriptMaps.push(item.item.value.text);
    const handler = toHandler(item, origin.location, result.adsPath, names);
    if (typeof handler === 'string') result.skipped.push(handler);
    else result.handlers.push(handler);
  }
  const access = effectiveValue(text, model, facts, written, 'AccessFlags')?.value;
  if (access !== undefined) {
    const set = new Set(access.split('|').map((f) => f.trim()));
    result.accessPolicy = ACCESS_POLICY.filter(([flag]) => set.has(flag)).map(([, name]) => name).join(', ');
  }
  const own = ownProperty(text, key, facts.property('WebSvcExtRestrictionList')!);
  if (own) result.restrictions = restrictions(splitMultisz(text, own.valueStart, own.valueEnd).map((i) => i.value.text).filter((i) => i.trim()));
  return result;
}

const FRAMEWORK = /\\Framework(64)?\\v(\d+\.\d+)[^\\]*\\aspnet_isapi\.dll$/i;

/** One ScriptMaps item as a handler, or a note saying why it cannot be one. */
function toHandler(item: ScriptMapItem, origin: string, adsPath: string, names: Map<string, number>): Handler | string {
  const text = item.item.value.text;
  const processor = item.processor;
  const flagsText = item.flags?.text.trim() ?? '';
  if (!processor || !processor.path.text.trim() || !/^\d+$/.test(flagsText)) {
    return `skipped '${text}': it is not Extension,ScriptProcessor,Flags with numeric flags (metabase-lint reports why)`;
  }
  const notes: string[] = [];
  const extension = item.extension.text.trim();
  const wildcard = extension === '*';
  let path = wildcard ? '*' : `*${extension}`;
  if (!wildcard && !extension.startsWith('.')) {
    path = `*.${extension}`;
    notes.push(`the extension '${extension}' has no leading dot: written as '${path}'`);
  }
  const flags = Number(flagsText);
  const verbs = [...item.verbs].map((v) => v.text.trim()).filter(Boolean);
  const modules = processor.kind === 'exe' ? 'CgiModule' : 'IsapiModule';
  if (processor.kind === 'other') notes.push('the processor is neither a .dll nor an .exe: written as an ISAPI module');
  const base = `ScriptMap ${extension} (${adsPath})`;
  const seen = names.get(base.toLowerCase()) ?? 0;
  names.set(base.toLowerCase(), seen + 1);
  const handler: Handler = {
    name: seen ? `${base} #${seen + 1}` : base,
    path,
    verb: verbs.length ? verbs.join(',') : '*',
    modules,
    // A CGI entry keeps its arguments: isapiCgiRestriction must name the same string.
    scriptProcessor: processor.kind === 'exe' ? processor.field.text.trim() : processor.path.text.trim(),
    item: text, origin, notes,
  };
  if (wildcard) {
    if (flags & 5) notes.push(`a wildcard handler cannot carry requireAccess or resourceType (KB 2725025): the checks of flags ${flags & 5} are lost`);
  } else {
    handler.resourceType = flags & 4 ? 'File' : 'Unspecified';
    handler.requireAccess = flags & 1 ? 'Script' : 'Execute';
  }
  if (flags & ~5) notes.push(`flags ${flags}: the bits other than 1 and 4 (${flags & ~5}) have no IIS 7+ equivalent`);
  if (seen) notes.push(`another item maps ${extension} already: which one IIS 6 uses is not documented, and IIS 7+ uses the first that matches`);
  const framework = FRAMEWORK.exec(processor.path.text.trim());
  if (framework) {
    handler.preCondition = `classicMode,runtimeVersionv${framework[2]},bitness${framework[1] ? '64' : '32'}`;
    handler.responseBufferLimit = '0';
    notes.push(`bitness${framework[1] ? '64' : '32'} from the folder name Framework${framework[1] ?? ''}`);
  }
  return handler;
}

function restrictions(items: string[]): NonNullable<KeyExport['restrictions']> {
  const result: NonNullable<KeyExport['restrictions']> = { items, entries: [], notListedIsapisAllowed: false, notListedCgisAllowed: false };
  for (const item of items) {
    const fields = item.split(',');
    const allowed = fields[0].trim() === '1';
    const path = (fields[1] ?? '').trim();
    if (fields.length <= 2 && (path === '*.dll' || path === '*.exe')) {
      if (path === '*.dll') result.notListedIsapisAllowed = allowed;
      else result.notListedCgisAllowed = allowed;
      continue;
    }
    // The description may hold commas; a CGI path with arguments may too, but IIS 6 splits it there as well.
    result.entries.push({
      path, allowed, groupId: fields[3]?.trim() || undefined, description: fields.slice(4).join(',').trim() || undefined, item,
      notes: fields[2] !== undefined ? [`UIDeletableFlag ${fields[2].trim()} has no equivalent`] : [],
    });
  }
  return result;
}

/** The keys exported by default: every web key that sets ScriptMaps or WebSvcExtRestrictionList, in document order. */
export function defaultLocations(text: string, model: MetabaseModel, facts: SchemaFacts): string[] {
  const scriptMaps = facts.property('ScriptMaps')!;
  const restrictions = facts.property('WebSvcExtRestrictionList')!;
  const locations: string[] = [];
  const seen = new Set<string>();
  for (const segment of model.segments) {
    const location = segment.key?.location;
    if (!segment.isKey || !location || seen.has(location.key) || !/^\/lm\/w3svc(\/|$)/.test(location.key)) continue;
    if (!ownProperty(text, segment, scriptMaps) && !ownProperty(text, segment, restrictions)) continue;
    seen.add(location.key);
    locations.push(DecodedText.decode(text, segment.start + location.start, segment.start + location.end).text);
  }
  return locations;
}
