// Did-you-mean for one key: the nearest property names of the schema, or flag names of a property. A key
// of 10,000 misspelt names pays for at most LOOKUPS_PER_KEY lookups; the rest are reported without one.

import { MetabaseKey } from '../../model/key';
import { PropertyFact, SchemaFacts } from '../../schema';
import { NameIndex, NameOrder } from './suggest';

/** Lookups allowed per key: a few for any key, then one per this many characters of it. */
const LOOKUPS_AT_LEAST = 200;
const CHARACTERS_PER_LOOKUP = 16;

const propertyIndexes = new WeakMap<SchemaFacts, NameIndex>();
const flagIndexes = new WeakMap<PropertyFact, NameIndex>();

export class Suggestions {
  private left: number;
  /** Made at the first lookup: most keys need none. */
  private answers?: Map<NameIndex, Map<string, readonly string[]>>;
  /** The attribute names of the key, read once: a fix must not write a name the key sets already. */
  private present?: Set<string>;

  constructor(private readonly facts: SchemaFacts, private readonly key: MetabaseKey) {
    this.left = LOOKUPS_AT_LEAST + Math.floor((key.element.end - key.element.start) / CHARACTERS_PER_LOOKUP);
  }

  /** The property names nearest to `word` that the key does not set, those the key type may hold first. */
  property(word: string): readonly string[] {
    let index = propertyIndexes.get(this.facts);
    if (!index) propertyIndexes.set(this.facts, (index = new NameIndex(this.facts.properties.map((p) => p.name))));
    const type = this.key.type;
    const found = this.lookup(index, word, { name: type, preferred: (name) => this.facts.allows(type, name) });
    if (found.length === 0) return found;
    this.present ??= new Set(this.key.element.attributes.map((a) => a.name));
    return found.filter((name) => !this.present!.has(name));
  }

  /** The flag names of `property` nearest to `word`. */
  flag(property: PropertyFact, word: string): readonly string[] {
    let index = flagIndexes.get(property);
    if (!index) flagIndexes.set(property, (index = new NameIndex(property.flags.map((f) => f.name))));
    return this.lookup(index, word);
  }

  /** Each word of the key counts once against its lookups, whether the index knew the answer or not (so that a key's findings depend on its text alone). */
  private lookup(index: NameIndex, word: string, order?: NameOrder): readonly string[] {
    this.answers ??= new Map();
    let answers = this.answers.get(index);
    if (!answers) this.answers.set(index, (answers = new Map<string, readonly string[]>()));
    let found = answers.get(word);
    if (found) return found;
    if (this.left <= 0) return [];
    this.left--;
    found = index.nearest(word, order);
    answers.set(word, found);
    return found;
  }
}
