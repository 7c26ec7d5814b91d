// A small glob over the file system (Node 20 has no fs.glob): `*` and `?` within one path segment, `**` for
// any number of directories. As in shells, `*` and `?` do not match a leading dot (nor does a trailing `**`).
// `**` does not enter node_modules, dot directories or symbolic links to directories (no cycles). Results
// keep the form of the pattern (relative stays relative) and come back sorted.

import { Dirent, readdirSync, statSync } from 'node:fs';

const WINDOWS = process.platform === 'win32';

export function hasMagic(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** The files that `pattern` matches. */
export function expandGlob(pattern: string): string[] {
  const parts = (WINDOWS ? pattern.replace(/\\/g, '/') : pattern).split('/');
  // A leading empty part is the root of an absolute path; other empty parts come from doubled slashes.
  const segments = parts.filter((p, i) => p !== '' || i === 0);
  let fixed = 0;
  while (fixed < segments.length - 1 && !hasMagic(segments[fixed])) fixed++;
  const base = fixed === 0 ? '.' : segments.slice(0, fixed).join('/') || '/';
  const found = new Set<string>();
  walk(base, segments.slice(fixed).map(compileSegment), found);
  return [...found].sort();
}

/** All files under `dir` whose name passes `accept`, skipping what `**` skips and dot files. */
export function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  const found: string[] = [];
  const visit = (path: string): void => {
    for (const entry of list(path)) {
      if (entry.name.startsWith('.')) continue;
      const child = join(path, entry.name);
      if (isDirectory(entry, child)) {
        if (entry.isDirectory() && descendable(entry.name)) visit(child);
      } else if (accept(entry.name)) found.push(child);
    }
  };
  visit(dir);
  return found.sort();
}

type Segment = '**' | RegExp;

function compileSegment(segment: string): Segment {
  if (segment === '**') return '**';
  let source = segment.startsWith('.') ? '' : '(?!\\.)';
  for (const ch of segment) {
    source += ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, WINDOWS ? 'i' : '');
}

function walk(dir: string, segments: Segment[], found: Set<string>): void {
  const [segment, ...rest] = segments;
  if (segment === '**') {
    // Zero directories, then one more directory with `**` still in front.
    if (rest.length === 0) {
      for (const file of filesUnder(dir, () => true)) found.add(file);
      return;
    }
    walk(dir, rest, found);
    for (const entry of list(dir)) {
      if (entry.isDirectory() && descendable(entry.name)) walk(join(dir, entry.name), segments, found);
    }
    return;
  }
  for (const entry of list(dir)) {
    if (!segment.test(entry.name)) continue;
    const child = join(dir, entry.name);
    const directory = isDirectory(entry, child);
    if (rest.length === 0) {
      if (!directory) found.add(child);
    } else if (directory) walk(child, rest, found);
  }
}

function list(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    // A folder that cannot be listed matches nothing, as in shells.
    return [];
  }
}

function isDirectory(entry: Dirent, path: string): boolean {
  if (!entry.isSymbolicLink()) return entry.isDirectory();
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function descendable(name: string): boolean {
  return name !== 'node_modules' && !name.startsWith('.');
}

function join(dir: string, name: string): string {
  if (dir === '.') return name;
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
