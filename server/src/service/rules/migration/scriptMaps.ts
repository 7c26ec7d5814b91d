// The migration rules on one ScriptMaps item: bitness against the pool, machine-specific paths, programs
// outside the content that Web Deploy does not copy, and wildcard maps whose checks IIS 7+ drops.

import { ScriptMapItem } from '../../model/scriptMap';
import { clip, quoted } from '../../quote';
import { Finding } from '../finding';
import { KeyContext, folder, rawRange } from './context';

/** Windows' own folder, where IIS and .NET install their DLLs: the new server has its own copy. */
const WINDOWS = /^(?:[a-z]:\\(?:windows|winnt)\\|%(?:windir|systemroot)%\\)/i;
const WINNT = /^[a-z]:\\winnt\\/i;
const VARIABLE = /%(?:systemdrive|windir|systemroot)%/i;
const FRAMEWORK = /\\framework(64)?\\/i;

export function checkScriptMap(item: ScriptMapItem, context: KeyContext): Finding[] {
  const findings: Finding[] = [];
  const processor = item.processor;
  if (processor && processor.path.text.trim()) {
    const path = processor.path;
    const at = rawRange(item, path.start, path.end);
    const bitness = FRAMEWORK.exec(path.text);
    if (bitness && processor.kind === 'dll') {
      const pool = context.appPool();
      const is64 = bitness[1] !== undefined;
      if (is64 === pool.enable32Bit) {
        findings.push({
          rule: 'migration-isapi-bitness', ...at, fixes: [],
          message: is64
            ? `a 64-bit DLL (Framework64) in the application pool ${quoted(pool.name)}, which runs 32-bit code (Enable32BitAppOnWin64 is TRUE): it fails to load ('%1 is not a valid Win32 application'); map the Framework DLL, or let the pool run 64-bit`
            : `a 32-bit DLL (Framework, not Framework64) in the application pool ${quoted(pool.name)}, which does not set Enable32BitAppOnWin64: on 64-bit IIS 7+ the pool runs 64-bit and the DLL fails to load ('%1 is not a valid Win32 application'); set enable32BitAppOnWin64 on the pool, or map the Framework64 DLL`,
        });
      }
    }
    const machine = WINNT.exec(path.text) ?? VARIABLE.exec(path.text);
    if (machine) {
      const start = path.start + machine.index;
      findings.push({
        rule: 'migration-machine-path', ...rawRange(item, start, start + machine[0].length), fixes: [],
        message: machine[0].startsWith('%')
          ? `${quoted(machine[0])} depends on the machine: Web Deploy expands some variables on the way and ScriptMaps does not expand them; write the path the new server has`
          : `${quoted(machine[0])} is the Windows folder of Windows 2000 and of servers upgraded from it: IIS 7+ servers have C:\\Windows; write the path the new server has`,
      });
    } else if (!WINDOWS.test(path.text.trim()) && /^[a-z]:\\/i.test(path.text.trim())) {
      const content = context.contentFolders();
      const lower = path.text.trim().toLowerCase();
      if (content.length && !content.some((f) => lower.startsWith(folder(f)))) {
        findings.push({
          rule: 'migration-processor-outside-content', ...at, fixes: [],
          message: `${quoted(path.text.trim())} is outside the site's content (${content.map(clip).join(', ')}) and outside Windows: Web Deploy does not copy it; install it on the new server at this path`,
        });
      }
    }
  }
  const flags = item.flags;
  const value = flags && /^\s*\d+\s*$/.test(flags.text) ? Number(flags.text) : undefined;
  if (item.extension.text.trim() === '*' && flags && value !== undefined && (value & 5) !== 0) {
    const lost = [value & 4 ? '"Verify that file exists" (flag 4: a missing file answers 404 before the DLL runs)' : '', value & 1 ? 'the script permission check (flag 1)' : ''].filter(Boolean);
    findings.push({
      rule: 'migration-wildcard-checks-lost', ...rawRange(item, flags.start, flags.end), fixes: [],
      message: `an IIS 7+ wildcard handler cannot keep ${lost.join(' nor ')}: the handler then gets ${value & 4 ? 'every request, files that do not exist included' : 'requests in folders without Script permission too'}`,
    });
  }
  return findings;
}
