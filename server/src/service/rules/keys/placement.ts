// ScriptMaps is read only on the key types that MBSchema.xml lets hold property 6014 (and on untyped keys).

import { MetabaseKey, SCRIPT_MAPS, ScriptMapsProperty } from '../../model/key';
import { SchemaFacts, UNTYPED_KEY } from '../../schema';
import { Finding } from '../finding';

export function checkPlacement(key: MetabaseKey, property: ScriptMapsProperty, facts: SchemaFacts): Finding | undefined {
  if (key.type === UNTYPED_KEY || facts.allows(key.type, SCRIPT_MAPS)) return undefined;
  const HOLDERS = facts.property(SCRIPT_MAPS)?.keyTypes ?? [];
  return {
    rule: 'scriptmaps-placement', start: property.name.nameStart, end: property.name.nameEnd, fixes: [],
    message: `the metabase schema does not allow ScriptMaps on ${key.type} keys; it belongs on ${HOLDERS.join(', ')} or untyped keys`,
  };
}
