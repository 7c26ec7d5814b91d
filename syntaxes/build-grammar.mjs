#!/usr/bin/env node
// Generates syntaxes/iis-metabase.tmLanguage.json (the file VS Code loads).
// The regexes are written here with String.raw so they need no JSON double escaping,
// and the ScriptMaps rules exist twice (for "..." and '...' attribute values), which a
// generator keeps in step.
//
//   node syntaxes/build-grammar.mjs           write the JSON
//   node syntaxes/build-grammar.mjs --check   exit 1 if the JSON is not up to date
//
// Engine notes (vscode-textmate, Oniguruma): every regex sees one line (plus "\n");
// a begin/end rule's `end` is tried before its inner patterns; the earliest match
// wins, ties go to the first pattern; `\G` matches only where the enclosing rule's
// `begin` ended on this line; a rule that is pushed and popped at one position without
// consuming anything stops the tokenizing of the rest of that line, so every zero-width
// `begin` below has a lookahead that rules out an immediate zero-width `end`.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LINE_BREAK_REF, listRules } from './list-grammar.mjs';

const r = String.raw;
const SM = 'scriptmap.iis-metabase';

// Character references that stand for a literal `"` (&quot; &#34; &#x22;, leading zeros allowed).
const QUOT_ENTITY = r`&(?:quot|#0*34|#x0*22);`;
const NAME_BOUNDARY_BEFORE = r`(?<![-\w.:])`;
const NAME_BOUNDARY_AFTER = r`(?![-\w.:])`;

const entityCaptures = {
  1: { name: 'punctuation.definition.constant.xml' },
  3: { name: 'punctuation.definition.constant.xml' },
};

/** The ScriptMaps item rules for an attribute value delimited by `q` (`"` or `'`). */
function scriptMapRules(q, key) {
  // Inside '...' a literal " is an ordinary character and quotes a CGI path; inside "..." it can't occur.
  const quote = q === '"' ? QUOT_ENTITY : r`(?:${QUOT_ENTITY}|")`;
  const notQ = q === '"' ? '"' : `'"`; // characters that never belong to an unquoted field
  // An item ends at the end of the line, at the closing quote, or at a line break written as a reference.
  const itemEnd = r`$|${q}|${LINE_BREAK_REF}`;
  const fieldEnd = r`(?=[ \t]*(?:,|${itemEnd}))`;
  const lineEnd = r`(?=${itemEnd})`;
  // One character of a field that runs to the end of the item.
  const itemChar = r`(?:(?!${LINE_BREAK_REF})[^,\r\n${q}])`;
  // One character of an unquoted path: not a separator, not the closing quote, not the start of a quote.
  const pathChar = r`(?:[^,\r\n&${notQ}]|&(?!(?:quot|#0*34|#x0*22);|${LINE_BREAK_REF.slice(1)}))`;
  const exeExt = r`\.(?i:exe|dll|com|bat|cmd)`;
  const p = (name) => `#scriptmap-${name}-${key}`;
  return {
    [`scriptmap-value-${key}`]: {
      name: q === '"' ? 'string.quoted.double.xml' : 'string.quoted.single.xml',
      contentName: `meta.list.${SM}`,
      begin: q,
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.xml' } },
      end: q,
      endCaptures: { 0: { name: 'punctuation.definition.string.end.xml' } },
      patterns: [{ include: p('item') }, { include: '#entity' }, { include: '#bare-ampersand' }],
    },
    // One physical line of the value is one item: Extension,ScriptProcessor,Flags[,Verb...]
    [`scriptmap-item-${key}`]: {
      name: `meta.item.${SM}`,
      begin: r`(?:^|\G|(?<=;))[ \t]*(?=[^\s${q}])(?!${LINE_BREAK_REF})`,
      end: r`$|(?=${q}|${LINE_BREAK_REF})`,
      patterns: [{ include: p('extension') }, { include: p('after-extension') }],
    },
    [`scriptmap-extension-${key}`]: {
      name: `entity.name.type.extension.${SM}`,
      match: r`\G${itemChar}*(?=[^\s])${itemChar}`,
      captures: { 0: { patterns: [{ include: '#entity' }, { include: '#bare-ampersand' }] } },
    },
    [`scriptmap-after-extension-${key}`]: {
      begin: ',',
      beginCaptures: { 0: { name: `punctuation.separator.field.${SM}` } },
      end: lineEnd,
      patterns: [{ include: p('processor') }, { include: p('after-processor') }],
    },
    [`scriptmap-processor-${key}`]: {
      begin: r`\G[ \t]*(?=[^,\s${q}])`,
      end: fieldEnd,
      patterns: [
        { include: p('quoted') },
        { include: p('path') },
        { include: '#scriptmap-placeholder' },
        { include: '#entity' },
        { include: '#bare-ampersand' },
        { include: p('argument') },
      ],
    },
    // Unquoted processor path at the start of the field: up to the first .exe/.dll/...,
    // else up to the arguments (` %s`, ` -x`, ` /x`, a quote) or the end of the field.
    [`scriptmap-path-${key}`]: {
      name: `string.unquoted.path.${SM}`,
      match:
        r`\G(?:${pathChar}*?${exeExt}(?=[ \t,]|${itemEnd}|${quote})` +
        r`|${pathChar}+?(?=[ \t]+(?:%|-|/|${quote})|[ \t]*(?:,|${itemEnd})))`,
      captures: { 0: { patterns: [{ include: '#entity' }, { include: '#bare-ampersand' }] } },
    },
    [`scriptmap-quoted-${key}`]: {
      name: `string.quoted.path.${SM}`,
      begin: quote,
      beginCaptures: {
        0: { name: `punctuation.definition.string.begin.${SM}`, patterns: [{ include: '#entity' }] },
      },
      end: r`${quote}|(?=,|${itemEnd})`,
      endCaptures: {
        0: { name: `punctuation.definition.string.end.${SM}`, patterns: [{ include: '#entity' }] },
      },
      patterns: [{ include: '#scriptmap-placeholder' }, { include: '#entity' }, { include: '#bare-ampersand' }],
    },
    [`scriptmap-argument-${key}`]: {
      name: `variable.parameter.argument.${SM}`,
      match: r`(?:[^\s,&%${notQ}]|%(?!s))+`,
    },
    [`scriptmap-after-processor-${key}`]: {
      begin: ',',
      beginCaptures: { 0: { name: `punctuation.separator.field.${SM}` } },
      end: lineEnd,
      patterns: [{ include: p('flags') }, { include: p('verbs') }],
    },
    [`scriptmap-flags-${key}`]: {
      patterns: [
        {
          match: r`\G[ \t]*([0-9]+)${fieldEnd}`,
          captures: { 1: { name: `constant.numeric.flags.${SM}` } },
        },
        {
          match: r`\G[ \t]*((?=[^\s])${itemChar}(?:${itemChar}*(?=[^\s])${itemChar})?)`,
          captures: { 1: { name: `invalid.illegal.flags.${SM}` } },
        },
      ],
    },
    [`scriptmap-verbs-${key}`]: {
      begin: ',',
      beginCaptures: { 0: { name: `punctuation.separator.field.${SM}` } },
      end: lineEnd,
      patterns: [
        { match: ',', name: `punctuation.separator.field.${SM}` },
        { match: r`(?:(?!${LINE_BREAK_REF})[^,\s${q}])+`, name: `support.constant.verb.${SM}` },
      ],
    },
  };
}

/** An attribute `NAME = "scriptmap list"`; `=` and the value may follow on later lines. */
function scriptMapAttribute(nameRegex) {
  return {
    name: `meta.attribute.scriptmaps.iis-metabase`,
    begin: `${NAME_BOUNDARY_BEFORE}(${nameRegex})${NAME_BOUNDARY_AFTER}`,
    beginCaptures: {
      1: { name: 'entity.other.attribute-name.xml entity.other.attribute-name.localname.xml' },
    },
    // Ends right after the value's closing quote, or at anything that can't continue the attribute.
    end: r`(?<=["'])|(?=[^\s="'])`,
    patterns: [
      { match: '=', name: 'punctuation.separator.key-value.xml' },
      { include: '#scriptmap-value-dq' },
      { include: '#scriptmap-value-sq' },
    ],
  };
}

const tagName = (prefix) => ({
  // (namespace)(:)(localname), wrapped in one entity.name.tag.xml capture
  2: { name: 'entity.name.tag.xml' },
  3: { name: 'entity.name.tag.namespace.xml' },
  4: { name: 'punctuation.separator.namespace.xml' },
  5: { name: 'entity.name.tag.localname.xml' },
  1: { name: prefix },
});

const processingInstruction = {
  name: 'meta.tag.preprocessor.xml',
  begin: r`(<\?)\s*([-_a-zA-Z0-9:.]+)`,
  beginCaptures: {
    1: { name: 'punctuation.definition.tag.xml' },
    2: { name: 'entity.name.tag.xml' },
  },
  end: r`(\?>)`,
  endCaptures: { 1: { name: 'punctuation.definition.tag.xml' } },
};

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'IIS 6 MetaBase XML',
  scopeName: 'text.xml.iis-metabase',
  comment:
    'Generated by syntaxes/build-grammar.mjs; edit that file, not this one. ' +
    'Self-contained XML grammar (scope names as in the built-in XML grammar) plus ScriptMaps (MD_SCRIPT_MAPS, ID 6014) item scopes, and field scopes for the other list properties (bindings, HttpErrors, HttpCustomHeaders, MimeMap, WebSvcExtRestrictionList, ApplicationDependencies, InProcessIsapiApps).',
  patterns: [
    { include: '#xml-declaration' },
    { include: '#doctype' },
    { include: '#comment' },
    { include: '#cdata' },
    { include: '#custom-tag' },
    { include: '#tag' },
    { include: '#entity' },
    { include: '#bare-ampersand' },
  ],
  repository: {
    // The declaration is a processing instruction whose attributes are coloured.
    'xml-declaration': {
      ...processingInstruction,
      patterns: [
        { include: '#attribute-name' },
        { include: '#attribute-equals' },
        { include: '#string-double' },
        { include: '#string-single' },
      ],
    },
    doctype: {
      name: 'meta.tag.sgml.doctype.xml',
      begin: r`(<!)(DOCTYPE)(?:\s+([:a-zA-Z_][:a-zA-Z0-9_.-]*))?`,
      beginCaptures: {
        1: { name: 'punctuation.definition.tag.xml' },
        2: { name: 'keyword.other.doctype.xml' },
        3: { name: 'variable.language.documentroot.xml' },
      },
      end: r`\s*(>)`,
      endCaptures: { 1: { name: 'punctuation.definition.tag.xml' } },
      patterns: [
        { match: r`\b(?:SYSTEM|PUBLIC)\b`, name: 'keyword.other.doctype.xml' },
        { include: '#internal-subset' },
        { include: '#comment' },
        { include: '#string-double' },
        { include: '#string-single' },
      ],
    },
    'internal-subset': {
      name: 'meta.internalsubset.xml',
      begin: r`\[`,
      beginCaptures: { 0: { name: 'punctuation.definition.constant.xml' } },
      end: r`\]`,
      endCaptures: { 0: { name: 'punctuation.definition.constant.xml' } },
      patterns: [
        { include: '#comment' },
        { include: '#markup-declaration' },
        { include: '#parameter-entity' },
        { include: '#processing-instruction' },
      ],
    },
    'markup-declaration': {
      name: 'meta.tag.sgml.xml',
      begin: r`(<!)(ENTITY|ELEMENT|ATTLIST|NOTATION)\b(?:\s+(%\s+)?([:a-zA-Z_][:a-zA-Z0-9_.-]*))?`,
      beginCaptures: {
        1: { name: 'punctuation.definition.tag.xml' },
        2: { name: 'keyword.other.entity.xml' },
        3: { name: 'punctuation.definition.entity.xml' },
        4: { name: 'variable.language.entity.xml' },
      },
      end: '>',
      endCaptures: { 0: { name: 'punctuation.definition.tag.xml' } },
      patterns: [
        { match: r`\b(?:SYSTEM|PUBLIC|NDATA)\b`, name: 'keyword.other.entitytype.xml' },
        { include: '#parameter-entity' },
        { include: '#string-double' },
        { include: '#string-single' },
      ],
    },
    'parameter-entity': {
      name: 'constant.character.parameter-entity.xml',
      match: r`(%)([:a-zA-Z_][:a-zA-Z0-9_.-]*)(;)`,
      captures: entityCaptures,
    },
    'processing-instruction': processingInstruction,
    comment: {
      name: 'comment.block.xml',
      begin: '<!--',
      beginCaptures: { 0: { name: 'punctuation.definition.comment.xml' } },
      end: '-->',
      endCaptures: { 0: { name: 'punctuation.definition.comment.xml' } },
      patterns: [
        // `--` is not allowed inside a comment, nor a `-` right before the closing `-->`
        { match: r`--(?!-?>)|-(?=-->)`, name: 'invalid.illegal.bad-comments-or-CDATA.xml' },
      ],
    },
    cdata: {
      name: 'string.unquoted.cdata.xml',
      begin: r`<!\[CDATA\[`,
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.xml' } },
      end: r`]]>`,
      endCaptures: { 0: { name: 'punctuation.definition.string.end.xml' } },
    },
    // <Custom Name=".." ID="6014" Value=".." Type="MULTISZ" .../>: once ID="6014" has been seen,
    // a later Value attribute of the same element is highlighted as a ScriptMaps list.
    'custom-tag': {
      name: 'meta.tag.xml',
      begin: r`(<)((Custom))(?=[\s/>]|$)`,
      beginCaptures: {
        1: { name: 'punctuation.definition.tag.xml' },
        2: { name: 'entity.name.tag.xml' },
        3: { name: 'entity.name.tag.localname.xml' },
      },
      end: r`(/?>)`,
      endCaptures: { 1: { name: 'punctuation.definition.tag.xml' } },
      patterns: [{ include: '#custom-scriptmaps-id' }, { include: '#tag-stuff' }],
    },
    'custom-scriptmaps-id': {
      name: 'meta.custom.scriptmaps.iis-metabase',
      begin:
        `${NAME_BOUNDARY_BEFORE}(ID)[ \\t]*(=)[ \\t]*` +
        `(?:((")(0*6014)("))|((')(0*6014)(')))(?=[\\s/>]|$)`,
      beginCaptures: {
        1: { name: 'entity.other.attribute-name.xml entity.other.attribute-name.localname.xml' },
        2: { name: 'punctuation.separator.key-value.xml' },
        3: { name: 'string.quoted.double.xml' },
        4: { name: 'punctuation.definition.string.begin.xml' },
        6: { name: 'punctuation.definition.string.end.xml' },
        7: { name: 'string.quoted.single.xml' },
        8: { name: 'punctuation.definition.string.begin.xml' },
        10: { name: 'punctuation.definition.string.end.xml' },
      },
      end: r`(?=/?>)`,
      patterns: [{ include: '#custom-value-attribute' }, { include: '#tag-stuff' }],
    },
    'custom-value-attribute': scriptMapAttribute('Value'),
    tag: {
      name: 'meta.tag.xml',
      begin: r`(</?)((?:([-\w.]+)(:))?([-\w.:]+))`,
      beginCaptures: tagName('punctuation.definition.tag.xml'),
      end: r`(/?>)`,
      endCaptures: { 1: { name: 'punctuation.definition.tag.xml' } },
      patterns: [{ include: '#tag-stuff' }],
    },
    'tag-stuff': {
      patterns: [
        { include: '#scriptmaps-attribute' },
        { include: '#list-attributes' },
        { include: '#attribute-name' },
        { include: '#attribute-equals' },
        { include: '#string-double' },
        { include: '#string-single' },
      ],
    },
    'scriptmaps-attribute': scriptMapAttribute('ScriptMaps'),
    'attribute-name': {
      name: 'entity.other.attribute-name.xml',
      match: r`${NAME_BOUNDARY_BEFORE}(?:([-\w.]+)(:))?([-\w.:]+)`,
      captures: {
        1: { name: 'entity.other.attribute-name.namespace.xml' },
        2: { name: 'punctuation.separator.namespace.xml' },
        3: { name: 'entity.other.attribute-name.localname.xml' },
      },
    },
    'attribute-equals': { match: '=', name: 'punctuation.separator.key-value.xml' },
    'string-double': {
      name: 'string.quoted.double.xml',
      begin: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.xml' } },
      end: '"',
      endCaptures: { 0: { name: 'punctuation.definition.string.end.xml' } },
      patterns: [{ include: '#entity' }, { include: '#bare-ampersand' }],
    },
    'string-single': {
      name: 'string.quoted.single.xml',
      begin: "'",
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.xml' } },
      end: "'",
      endCaptures: { 0: { name: 'punctuation.definition.string.end.xml' } },
      patterns: [{ include: '#entity' }, { include: '#bare-ampersand' }],
    },
    entity: {
      name: 'constant.character.entity.xml',
      match: r`(&)([:a-zA-Z_][:a-zA-Z0-9_.-]*|#[0-9]+|#x[0-9a-fA-F]+)(;)`,
      captures: entityCaptures,
    },
    'bare-ampersand': { match: '&', name: 'invalid.illegal.bad-ampersand.xml' },
    'scriptmap-placeholder': { match: '%s', name: `constant.other.placeholder.${SM}` },
    ...scriptMapRules('"', 'dq'),
    ...scriptMapRules("'", 'sq'),
    ...listRules(NAME_BOUNDARY_BEFORE, NAME_BOUNDARY_AFTER),
  },
};

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'iis-metabase.tmLanguage.json');
const text = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv.includes('--check')) {
  let old = '';
  try {
    old = readFileSync(out, 'utf8');
  } catch {
    /* missing */
  }
  if (old !== text) {
    console.error(`${out} is out of date: run node syntaxes/build-grammar.mjs`);
    process.exit(1);
  }
  console.log(`${out} is up to date`);
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
