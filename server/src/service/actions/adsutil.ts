// A list as the commands that set it on a server (../shared/docs/migration.md, "appcmd and adsutil forms"):
// `cscript adsutil.vbs SET W3SVC/1/ROOT/ScriptMaps "item" "item" ...`, the metabase path without /LM/,
// every item one argument, and SET replacing the whole list; and the same through ADSI in VBScript, for
// what adsutil cannot pass (an item holding `"`) or lists longer than some builds of it take.

/** The ADSI path of a Location: without its leading /LM/ (adsutil and IIS://localhost/ add it). */
export function adsiPath(location: string): string {
  return location.replace(/^\/?LM\/?/i, '').replace(/\/+$/, '');
}

/** Undefined when an item holds a `"`, which no quoting passes to adsutil.vbs through cscript. */
export function adsutilCommand(location: string, property: string, items: string[]): string | undefined {
  if (items.some((item) => item.includes('"'))) return undefined;
  return [`cscript adsutil.vbs SET ${adsiPath(location)}/${property}`, ...items.map((item) => `"${item}"`)].join(' ');
}

export function adsiScript(location: string, property: string, items: string[]): string {
  const literal = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [
    `Set key = GetObject(${literal(`IIS://localhost/${adsiPath(location)}`)})`,
    `key.${property} = Array( _`,
    items.map((item) => `  ${literal(item)}`).join(', _\n') + ')',
    'key.SetInfo',
  ].join('\n');
}
