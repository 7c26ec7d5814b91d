// ScriptMaps is read only on the key types that MBSchema.xml lets hold property 6014 (and on untyped keys).

import { MetabaseKey, SCRIPT_MAPS, ScriptMapsProperty } from '../../model/key';
import { UNTYPED_KEY, iisSchemaFacts } from '../../schema';
import { Finding } from '../finding';

const HOLDERS = iisSchemaFacts().property(SCRIPT_MAPS)?.keyTypes ?? [];

export const SCRIPT_MAPS_KEY_TYPES: ReadonlySet<string> = new Set([...HOLDERS, UNTYPED_KEY]);

export function checkPlacement(key: MetabaseKey, property: ScriptMapsProperty): Finding | undefined {
  if (SCRIPT_MAPS_KEY_TYPES.has(key.type)) return undefined;
  return {
    rule: 'scriptmaps-placement', start: property.name.nameStart, end: property.name.nameEnd, fixes: [],
    message: `the metabase schema does not allow ScriptMaps on ${key.type} keys; it belongs on ${HOLDERS.join(', ')} or untyped keys`,
  };
}
