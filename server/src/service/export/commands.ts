// The export as commands: appcmd (IIS 7+) and adsutil.vbs (IIS 6), each a batch file for cmd.exe.
// In a .cmd file '%' must be written '%%' (a CGI's '%s' would otherwise vanish); a double quote inside a
// quoted argument cannot be passed safely through cmd.exe, so such a command is flagged, and adsutil's
// lists go through ADSI (VBScript) instead.

import { KeyExport } from './entries';
import { handlerAttributes, restrictionAttributes } from './handlers';

const HEADER = 'REM Exported from an IIS 6 metabase by metabase-lint. For a .cmd file: at the prompt, write % where it says %%.';

export function appcmdScript(keys: readonly KeyExport[], notes: readonly string[] = []): string {
  const out = ['@echo off', HEADER, ...notes.map(rem), 'set APPCMD=%windir%\\system32\\inetsrv\\appcmd.exe'];
  for (const key of keys) {
    out.push('', rem(`${key.location}${key.sitePath === undefined ? ': the server level' : ` as "${key.sitePath}"`}`));
    // A loop, not push(...): a list can have more skipped items than a call has arguments.
    for (const note of [...key.notes, ...key.skipped]) out.push(rem(note));
    const target = key.sitePath === undefined ? '' : ` ${quoted(key.sitePath)}`;
    if (key.accessPolicy !== undefined) out.push(`%APPCMD% set config${target} /section:system.webServer/handlers /accessPolicy:${quoted(key.accessPolicy)} /commit:apphost`);
    for (const h of key.handlers) {
      out.push(rem([`${h.item}: ${h.origin === key.location ? 'set on this key' : `inherited from ${h.origin}`}`, ...h.notes].join('; ')));
      out.push(...command(`%APPCMD% set config${target} /section:system.webServer/handlers /+${quoted(`[${collection(handlerAttributes(h))}]`)} /commit:apphost`));
    }
    const r = key.restrictions;
    if (r) {
      const section = '/section:system.webServer/security/isapiCgiRestriction';
      out.push(`%APPCMD% set config ${section} /notListedIsapisAllowed:${r.notListedIsapisAllowed} /notListedCgisAllowed:${r.notListedCgisAllowed} /commit:apphost`);
      for (const e of r.entries) {
        out.push(rem([e.item, ...e.notes].join('; ')));
        out.push(...command(`%APPCMD% set config ${section} /+${quoted(`[${collection(restrictionAttributes(e))}]`)} /commit:apphost`));
      }
    }
  }
  return `${out.join('\r\n')}\r\n`;
}

/** adsutil.vbs takes at most 9 arguments on some builds: SET, the path and 7 items. */
export const ADSUTIL_MAX_ITEMS = 7;

export function adsutilScript(keys: readonly KeyExport[], notes: readonly string[] = []): string {
  const out = ['@echo off', HEADER, ...notes.map(rem)];
  for (const key of keys) {
    // The notes are about IIS 7+ (site names): adsutil writes the lists as IIS 6 has them.
    out.push('', rem(key.location));
    const lists: Array<[string, string[], string | undefined]> = [];
    if (key.scriptMapsOrigin) lists.push(['ScriptMaps', key.scriptMaps, key.scriptMapsOrigin === key.location ? undefined : key.scriptMapsOrigin]);
    if (key.restrictions) lists.push(['WebSvcExtRestrictionList', key.restrictions.items, undefined]);
    for (const [property, items, inherited] of lists) {
      if (inherited) out.push(rem(`${property} is inherited from ${inherited}: SET makes ${key.location} hold its own copy`));
      out.push(rem(`SET replaces the whole list (${items.length} item${items.length === 1 ? '' : 's'}); it cannot insert one item`));
      if (items.length <= ADSUTIL_MAX_ITEMS && !items.some((i) => i.includes('"'))) {
        out.push(`cscript //nologo %SystemDrive%\\Inetpub\\AdminScripts\\adsutil.vbs SET ${key.adsPath}/${property} ${items.map(quoted).join(' ')}`);
      } else {
        out.push(rem(`${items.some((i) => i.includes('"')) ? 'an item holds a double quote, which cmd.exe cannot pass' : `more than ${ADSUTIL_MAX_ITEMS} items, more than adsutil.vbs takes`}: save these lines as a .vbs file and run it with cscript`));
        // A loop, not push(...): a list can give more lines than a call has arguments.
        for (const line of vbscript(key.adsPath, property, items)) out.push(`REM VBS ${line}`);
      }
    }
  }
  return `${out.join('\r\n')}\r\n`;
}

/** The ADSI form: `Set o = GetObject("IIS://localhost/W3SVC/1/ROOT") : o.ScriptMaps = Array(...) : o.SetInfo`. */
export function vbscript(adsPath: string, property: string, items: readonly string[]): string[] {
  const vbs = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [
    `Set o = GetObject(${vbs(`IIS://localhost/${adsPath}`)})`,
    `o.${property} = Array( _`,
    ...items.map((item, i) => `  ${vbs(item)}${i < items.length - 1 ? ', _' : ')'}`),
    'o.SetInfo',
  ];
}

/** appcmd's `[name='...',path='...']`: a single quote inside a value is doubled. */
function collection(attributes: Array<[string, string]>): string {
  return attributes.map(([n, v]) => `${n}='${v.replace(/'/g, "''")}'`).join(',');
}

/** A cmd.exe argument in double quotes, '%' doubled for a batch file. */
function quoted(value: string): string {
  return `"${value.replace(/%/g, '%%')}"`;
}

/** A command whose argument holds a double quote is written REM'd out, with the reason. */
function command(line: string): string[] {
  const inner = line.slice(line.indexOf('/+"') + 3, line.lastIndexOf('"'));
  if (!inner.includes('"')) return [line];
  return [rem('the value holds a double quote, which cmd.exe cannot pass inside a quoted argument: set it in applicationHost.config (metabase-lint export --to handlers) or IIS Manager'), `REM ${line}`];
}

function rem(text: string): string {
  return `REM ${text.replace(/[\r\n]+/g, ' ')}`;
}
