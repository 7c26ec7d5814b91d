// Mutation check for the grammar tests: breaks the grammar in many ways (in memory) and
// reports any assertion in test/grammar/*.metabase that no break makes fail.
//   node test/grammar/mutation-check.cjs      (exit 1 if an assertion can't fail)
const fs = require('fs'), path = require('path');
const ROOT = path.join(__dirname, '..', '..');
const NM = path.join(ROOT, 'node_modules') + '/';
const tm = require(NM + 'vscode-textmate'), onig = require(NM + 'vscode-oniguruma');
const { parseGrammarTestCase, missingScopes_ } = require(NM + 'vscode-tmgrammar-test/dist/unit/index.js');
const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes/iis-metabase.tmLanguage.json'), 'utf8'));
const files = fs.readdirSync(__dirname).filter(f => f.endsWith('.metabase')).map(f => path.join(__dirname, f));
const cases = files.map(f => ({ f, tc: parseGrammarTestCase(fs.readFileSync(f, 'utf8')) }));
const wasm = fs.readFileSync(require.resolve(NM + 'vscode-oniguruma').replace(/main\.js$/, 'onig.wasm')).buffer;
const lib = onig.loadWASM(wasm).then(() => ({ createOnigScanner: p => new onig.OnigScanner(p), createOnigString: s => new onig.OnigString(s) }));
const clone = o => JSON.parse(JSON.stringify(o));
function walk(o, fn) { if (o && typeof o === 'object') { fn(o); for (const k in o) walk(o[k], fn); } }
const names = new Set(); walk(base, o => { for (const k of ['name', 'contentName']) if (typeof o[k] === 'string' && o !== base) names.add(o[k]); });
const muts = [];
for (const n of names) muts.push([`rename ${n}`, g => walk(g, o => { for (const k of ['name', 'contentName']) if (o[k] === n && o !== g) o[k] = 'mutated.x'; })]);
for (const k of Object.keys(base.repository)) muts.push([`delete #${k}`, g => { g.repository[k] = { match: '(?!x)x' }; }]);
const re = (key, field, from, to) => [`${key}.${field}: ${from} -> ${to}`, g => { const r = g.repository[key]; const s = r[field]; if (!s.includes(from)) throw new Error(`no ${from} in ${key}.${field}`); r[field] = s.split(from).join(to); }];
muts.push(re('scriptmaps-attribute', 'begin', '(ScriptMaps)', '([-\\w.:]+)'));
muts.push(re('custom-value-attribute', 'begin', '(Value)', '([-\\w.:]+)'));
muts.push(re('custom-scriptmaps-id', 'begin', '0*6014', '\\d+'));
muts.push(re('custom-tag', 'begin', '(Custom)', '([-\\w.:]+)'));
muts.push(re('scriptmap-item-dq', 'end', '$|(?="|', '$|(?='));
muts.push(re('scriptmap-item-sq', 'end', "$|(?='|", '$|(?='));
muts.push(re('scriptmap-quoted-dq', 'end', '|(?=,|$|"|', '|(?!x)x(?=,|$|"|'));
muts.push(re('scriptmap-quoted-sq', 'end', "|(?=,|$|'|", "|(?!x)x(?=,|$|'|"));
muts.push(re('scriptmap-after-extension-dq', 'end', '(?=$|"|', '(?=$|'));
// A line break written as a reference (&#10;) no longer ends an item, or no longer lets the next one start.
muts.push(['line break refs inside items', g => walk(g, o => { for (const k of ['match', 'begin', 'end']) if (typeof o[k] === 'string') o[k] = o[k].split('&#(?:0*1[03]|x0*[aAdD]);').join('(?!x)x'); })]);
muts.push(['no item after a reference', g => walk(g, o => { for (const k of ['match', 'begin']) if (typeof o[k] === 'string') o[k] = o[k].split('|(?<=;))').join(')'); })]);
muts.push(['flags accept hex', g => { g.repository['scriptmap-flags-dq'].patterns[0].match = g.repository['scriptmap-flags-dq'].patterns[0].match.replace('[0-9]+', '[0-9a-z]+'); }]);
muts.push(['flags-sq accept hex', g => { g.repository['scriptmap-flags-sq'].patterns[0].match = g.repository['scriptmap-flags-sq'].patterns[0].match.replace('[0-9]+', '[0-9a-z]+'); }]);
muts.push(['comment allows bare &', g => { g.repository.comment.patterns.push({ include: '#bare-ampersand' }); }]);
muts.push(['comment contains tags', g => { g.repository.comment.patterns.push({ include: '#tag' }, { include: '#attribute-name' }); }]);
muts.push(['comment ends at --', g => { g.repository.comment.end = '--'; }]);
muts.push(['cdata contains markup', g => { g.repository.cdata.patterns = [{ include: '#tag' }, { include: '#bare-ampersand' }]; }]);
muts.push(['quoted-dq allows bare &', g => { g.repository['scriptmap-quoted-dq'].patterns.unshift({ include: '#bare-ampersand' }); g.repository['scriptmap-quoted-dq'].end = '"'; }]);
muts.push(['path includes args', g => { for (const q of ['dq', 'sq']) g.repository[`scriptmap-path-${q}`].match = '\\G[^,]+?(?=,|$)'; }]);
muts.push(['path absorbs quote', g => { g.repository['scriptmap-path-dq'].match = '\\G[^,"]+'; g.repository['scriptmap-path-sq'].match = "\\G[^,']+"; }]);
muts.push(['verbs swallow items', g => { for (const q of ['dq', 'sq']) g.repository[`scriptmap-verbs-${q}`].end = '(?!x)x'; }]);
muts.push(['value is plain string', g => { g.repository['scriptmap-value-dq'].patterns = []; }]);
muts.push(['string-single unscoped entities', g => { g.repository['string-single'].patterns = []; }]);
muts.push(['attribute ends too early', g => { g.repository['scriptmaps-attribute'].end = '(?<=["\'])|(?=\\s)'; }]);
muts.push(['doctype has no subset', g => { g.repository.doctype.patterns = []; }]);
muts.push(['generic tag greedy name', g => { g.repository['attribute-name'].match = '[^"\'=>]+'; }]);
(async () => {
  const L = await lib;
  async function run(g) {
    const reg = new tm.Registry({ onigLib: Promise.resolve(L), loadGrammar: async () => tm.parseRawGrammar(JSON.stringify(g), 'g.json') });
    const gr = await reg.loadGrammar('text.xml.iis-metabase');
    const failed = new Set();
    for (const { f, tc } of cases) {
      let st = tm.INITIAL; const toks = [];
      for (const line of tc.source) { const r = gr.tokenizeLine(line, st); st = r.ruleStack; toks.push(r.tokens); }
      for (const la of tc.assertions) la.scopeAssertions.forEach((a, j) => {
        const xs = toks[la.sourceLineNumber].filter(t => a.from < t.endIndex && a.to > t.startIndex);
        const bad = (xs.length === 0 && a.scopes.length > 0) || xs.some(t => missingScopes_(a.scopes, t.scopes).length || a.exclude.some(s => t.scopes.includes(s)));
        if (bad) failed.add(`${path.basename(f)}:${la.sourceLineNumber}:${j}`);
      });
    }
    return failed;
  }
  const all = []; for (const { f, tc } of cases) for (const la of tc.assertions) la.scopeAssertions.forEach((a, j) => all.push([`${path.basename(f)}:${la.sourceLineNumber}:${j}`, tc.source[la.sourceLineNumber], a]));
  const b = await run(base); if (b.size) { console.log('the unmutated grammar fails', [...b]); process.exit(1); }
  const killed = new Map();
  for (const [name, m] of muts) { const g = clone(base); m(g); const f = await run(g); if (process.argv.includes('-v') || f.size === 0) console.log(`${String(f.size).padStart(4)} assertions fail under: ${name}`); for (const k of f) killed.set(k, (killed.get(k) || 0) + 1); }
  const survivors = all.filter(([k]) => !killed.has(k));
  console.log(`${muts.length} mutations; assertions: ${all.length}, can fail: ${all.length - survivors.length}, can't: ${survivors.length}`);
  for (const [k, line, a] of survivors) console.log('SURVIVOR', k, JSON.stringify(line.slice(a.from, a.to)), a.scopes.join(' '), '-', a.exclude.join(' '));
  process.exit(survivors.length ? 1 : 0);
})();
