// What the migration rules read of a key: what it inherits, and ranges and values in the document.

import { MetabaseModel } from '../../model/document';
import { SetProperty, effectiveValue } from '../../model/inheritance';
import { ScriptMapItem } from '../../model/scriptMap';
import { SchemaFacts } from '../../schema';
import { DecodedText } from '../../xml/entities';

/** What a key inherits that the ScriptMaps rules need, read once per key and only when asked. */
export class KeyContext {
  private pool?: { name: string; enable32Bit: boolean };
  private content?: string[];

  constructor(readonly text: string, private readonly model: MetabaseModel, private readonly facts: SchemaFacts, readonly location: string) {}

  private value(location: string, name: string): string | undefined {
    return effectiveValue(this.text, this.model, this.facts, location, name)?.value;
  }

  /** The key's application pool and whether it runs 32-bit code on 64-bit Windows. */
  appPool(): { name: string; enable32Bit: boolean } {
    if (!this.pool) {
      const name = (this.value(this.location, 'AppPoolId') ?? 'DefaultAppPool').trim() || 'DefaultAppPool';
      const enable = this.value(`/LM/W3SVC/AppPools/${name}`, 'Enable32BitAppOnWin64') ?? 'FALSE';
      this.pool = { name, enable32Bit: enable.trim().toUpperCase() === 'TRUE' };
    }
    return this.pool;
  }

  /** The content folders the key's files live in: its own (inherited) Path and its site's ROOT Path, as written. */
  contentFolders(): string[] {
    if (!this.content) {
      const site = /^\/LM\/W3SVC\/\d+/i.exec(this.location)?.[0];
      const paths = [this.value(this.location, 'Path'), site && this.value(`${site}/ROOT`, 'Path')]
        .filter((p): p is string => !!p && p.trim() !== '').map((p) => p.trim().replace(/[\\/]+$/, ''));
      this.content = [...new Map(paths.map((p) => [folder(p), p])).values()];
    }
    return this.content;
  }
}

/** A path as a folder prefix to compare with: lower case, '/' as '\', one trailing '\'. */
export function folder(path: string): string {
  return `${path.trim().replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase()}\\`;
}

/** The raw range of a part of an item's decoded text. */
export function rawRange(item: ScriptMapItem, start: number, end: number): { start: number; end: number } {
  return { start: item.item.value.raw(start), end: item.item.value.raw(end) };
}

/** The decoded value of a property a key sets. */
export function valueOf(text: string, set: SetProperty): string {
  return DecodedText.decode(text, set.valueStart, set.valueEnd).text;
}
