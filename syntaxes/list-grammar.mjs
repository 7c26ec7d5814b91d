// Grammar rules for the list properties other than ScriptMaps (imported by build-grammar.mjs): one item per
// line (or per `&#10;`), each field with its own scope, for "..." and '...' values alike.

const r = String.raw;

/** Each list: its attribute names, the scope suffix, the field separator, and the scope of each field. */
const LISTS = [
  { names: 'ServerBindings|SecureBindings', key: 'binding', sep: ':',
    fields: ['constant.other.ip-address', 'constant.numeric.port', 'entity.name.host'] },
  { names: 'HttpErrors', key: 'httperror', sep: ',',
    fields: ['constant.numeric.status', 'constant.numeric.substatus', 'keyword.other.kind', 'string.unquoted.path'] },
  { names: 'HttpCustomHeaders', key: 'header', sep: ':', fields: ['entity.name.header', 'string.unquoted.value'] },
  { names: 'MimeMap', key: 'mimemap', sep: ',', fields: ['entity.name.type.extension', 'string.unquoted.mime-type'] },
  { names: 'WebSvcExtRestrictionList', key: 'restriction', sep: ',',
    fields: ['constant.numeric.allow', 'string.unquoted.path', 'constant.numeric.deletable', 'constant.other.group-id', 'string.unquoted.description'] },
  { names: 'ApplicationDependencies', key: 'dependency', sep: ';', fields: ['entity.name.application', 'constant.other.group-id'] },
  { names: 'InProcessIsapiApps', key: 'isapi-app', sep: '', fields: ['string.unquoted.path'] },
];

const inField = [{ include: '#entity' }, { include: '#bare-ampersand' }];

/**
 * A line break written as a character reference (`&#10;`, `&#xD;`...): it ends an item as a raw one does (the
 * model's splitMultisz). The reference keeps its entity scope, and the next item starts right after its `;`.
 */
export const LINE_BREAK_REF = r`&#(?:0*1[03]|x0*[aAdD]);`;

/** One item, `F1(?:(sep)F2(?:(sep)F3)?)?`: every field but the last stops at the separator. */
function itemRule(list, q) {
  const suffix = `${list.key}.iis-metabase`;
  const captures = {};
  let regex = '';
  list.fields.forEach((scope, i) => {
    const last = i === list.fields.length - 1;
    const field = r`((?:(?!${LINE_BREAK_REF})[^${last ? '' : list.sep}${q}\r\n])*)`;
    const n = 2 * i + 1;
    captures[n] = { name: `${scope}.${suffix}`, patterns: inField };
    if (i > 0) captures[n - 1] = { name: `punctuation.separator.field.${suffix}` };
    regex += i === 0 ? field : `(?:(${list.sep})${field}`;
  });
  regex += ')?'.repeat(list.fields.length - 1);
  // A lookahead so that the rule never matches nothing (blank lines stay plain).
  return { name: `meta.item.${suffix}`, match: r`(?:^|\G|(?<=;))[ \t]*(?=[^\s${q}])(?!${LINE_BREAK_REF})${regex}`, captures };
}

function valueRule(list, q) {
  return {
    name: q === '"' ? 'string.quoted.double.xml' : 'string.quoted.single.xml',
    contentName: `meta.list.${list.key}.iis-metabase`,
    begin: q,
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.xml' } },
    end: q,
    endCaptures: { 0: { name: 'punctuation.definition.string.end.xml' } },
    patterns: [itemRule(list, q), { include: '#entity' }, { include: '#bare-ampersand' }],
  };
}

/** The repository entries: `list-attributes` (for tag-stuff) and one attribute rule per list. */
export function listRules(nameBoundaryBefore, nameBoundaryAfter) {
  const rules = { 'list-attributes': { patterns: LISTS.map((l) => ({ include: `#list-${l.key}-attribute` })) } };
  for (const list of LISTS) {
    rules[`list-${list.key}-attribute`] = {
      name: `meta.attribute.${list.key}.iis-metabase`,
      begin: `${nameBoundaryBefore}(${list.names})${nameBoundaryAfter}`,
      beginCaptures: { 1: { name: 'entity.other.attribute-name.xml entity.other.attribute-name.localname.xml' } },
      // Ends right after the value's closing quote, or at anything that can't continue the attribute.
      end: r`(?<=["'])|(?=[^\s="'])`,
      patterns: [{ match: '=', name: 'punctuation.separator.key-value.xml' }, valueRule(list, '"'), valueRule(list, "'")],
    };
  }
  return rules;
}
