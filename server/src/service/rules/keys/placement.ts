// ScriptMaps is read only on web keys (MBSchema.xml lists the classes that may carry property 6014).

import { MetabaseKey, ScriptMapsProperty } from '../../model/key';
import { Finding } from '../finding';

export const SCRIPT_MAPS_KEY_TYPES: ReadonlySet<string> = new Set([
  'IIsWebService', 'IIsWebServer', 'IIsWebVirtualDir', 'IIsWebDirectory', 'IIsWebFile', 'IIsConfigObject',
]);

export function checkPlacement(key: MetabaseKey, property: ScriptMapsProperty): Finding | undefined {
  if (SCRIPT_MAPS_KEY_TYPES.has(key.type)) return undefined;
  return {
    rule: 'scriptmaps-placement', start: property.name.nameStart, end: property.name.nameEnd, fixes: [],
    message: `the metabase schema does not allow ScriptMaps on ${key.type} keys; it belongs on IIsWebService, IIsWebServer, IIsWebVirtualDir, IIsWebDirectory, IIsWebFile or untyped keys`,
  };
}
