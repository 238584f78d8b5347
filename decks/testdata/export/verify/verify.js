// verify.js opens .apkg files with npm's anki-reader (sql.js underneath, no
// code shared with steppe) and prints the collection's decks, note types,
// notes and cards. It exits 1 if a file cannot be read or looks wrong: a
// note without a card, a cloze note whose cards do not match its {{cN::}}
// numbers, or a card outside the exported deck.
//
//   npm ci && node verify.js FILE.apkg...
'use strict';
const fs = require('fs');
const { readAnkiPackage } = require('anki-reader');

async function verify(file) {
  const data = fs.readFileSync(file);
  const { collection, media } = await readAnkiPackage(new Blob([data]));
  const problems = [];
  const models = collection.getModels();
  console.log(`${file}: schema ver ${collection.getVersion()}, created ${collection.getCreationTime().toISOString()}, media ${Object.keys(media).length}`);
  for (const [id, m] of Object.entries(models)) {
    console.log(`  note type ${id}: ${m.getName()} (${m.getType() === 1 ? 'cloze' : 'standard'}), fields ${m.getFields().map(f => f.name).join(', ')}`);
  }
  const db = collection.getRawCollection();
  const notes = db.exec('SELECT id, guid, mid, tags, flds, sfld, csum FROM notes ORDER BY id')[0];
  const cardsByNote = new Map();
  const cardRows = db.exec('SELECT id, nid, did, ord FROM cards ORDER BY id')[0];
  for (const [cid, nid, did, ord] of cardRows ? cardRows.values : []) {
    if (!cardsByNote.has(nid)) cardsByNote.set(nid, []);
    cardsByNote.get(nid).push({ cid, did, ord });
  }
  let nCards = 0;
  for (const [did, deck] of Object.entries(collection.getDecks())) {
    const cards = Object.values(deck.getCards());
    nCards += cards.length;
    console.log(`  deck ${did}: ${JSON.stringify(deck.getName())}, ${cards.length} cards`);
    for (const c of cards.slice(0, 3)) {
      const fields = c.getFields();
      console.log(`    card ${c.getId()} [${c.getModel().getName()}] fields:`);
      for (const [name, value] of Object.entries(fields)) console.log(`      ${name}: ${value.slice(0, 100)}`);
      for (const q of c.getQuestions()) console.log(`      rendered question: ${q.getQuestionString().slice(0, 100)}`);
    }
  }
  for (const [nid, guid, mid, tags, flds, sfld, csum] of notes ? notes.values : []) {
    const model = models[String(mid)];
    const fields = flds.split('\x1f');
    const cards = cardsByNote.get(nid) || [];
    const kind = model ? model.getName() : `unknown model ${mid}`;
    if (!model) problems.push(`note ${guid}: unknown note type ${mid}`);
    if (model && fields.length !== model.getFields().length) problems.push(`note ${guid}: ${fields.length} fields, its type has ${model.getFields().length}`);
    if (cards.length === 0) problems.push(`note ${guid}: no card`);
    if (model && model.getType() === 1) {
      const ords = [...new Set([...fields[0].matchAll(/\{\{c(\d+)::/g)].map(m => Number(m[1]) - 1))].sort((a, b) => a - b);
      const got = cards.map(c => c.ord).sort((a, b) => a - b);
      if (JSON.stringify(ords) !== JSON.stringify(got)) problems.push(`note ${guid}: clozes ${ords} but cards ${got}`);
    }
    console.log(`  note ${guid} [${kind}] cards ${cards.length} tags "${tags.trim()}" sort ${JSON.stringify(String(sfld).slice(0, 50))}`);
  }
  const nNotes = notes ? notes.values.length : 0;
  console.log(`  total: ${nNotes} notes, ${cardRows ? cardRows.values.length : 0} cards (${nCards} through the decks)`);
  if (nNotes === 0) problems.push('no notes');
  for (const p of problems) console.log(`  PROBLEM: ${p}`);
  return problems.length === 0;
}

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node verify.js FILE.apkg...');
    process.exit(2);
  }
  let ok = true;
  for (const f of files) {
    try {
      ok = (await verify(f)) && ok;
    } catch (e) {
      console.log(`${f}: cannot read: ${e.message}`);
      ok = false;
    }
  }
  process.exit(ok ? 0 : 1);
})();
