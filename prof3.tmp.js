const { ensureFile } = require('/work/main/out/bench/generate');
const { FrozenDocument } = require('/work/main/out/server/src/textDocument');
const { parseModel, updateModel, validate } = require('/work/main/out/server/src/service');
let text = require('fs').readFileSync(ensureFile('45MB', 45 * (1 << 20)), 'utf8');
let doc = FrozenDocument.create('u', 'l', 1, text);
let model = parseModel(text);
validate(doc, model);
const times = [];
const parts = { edit: 0, update: 0, validate: 0 };
for (let k = 0; k < 200; k++) {
  const at = text.indexOf(',5,', Math.floor(((k + 0.5) / 200) * text.length)) + 1;
  const t0 = performance.now();
  doc = doc.edited(at, at + 1, '1', k + 2);
  text = doc.getText();
  const t1 = performance.now();
  model = updateModel(model, text, { start: at, oldEnd: at + 1, newEnd: at + 1 });
  const t2 = performance.now();
  validate(doc, model);
  const t3 = performance.now();
  parts.edit += t1 - t0; parts.update += t2 - t1; parts.validate += t3 - t2;
  times.push(t3 - t0);
}
times.sort((a, b) => a - b);
console.log('p50', times[100].toFixed(1), 'p95', times[190].toFixed(1), 'avg parts', Object.entries(parts).map(([k, v]) => k + ' ' + (v / 200).toFixed(1)).join(', '));
