// make-apkg.js writes basic.apkg and cloze.apkg of this folder with npm's
// anki-apkg-export (4.0.3), a third-party Anki package writer:
//
//   mkdir /tmp/apkg && cd /tmp/apkg && npm install anki-apkg-export@4.0.3
//   NODE_PATH=/tmp/apkg/node_modules node make-apkg.js
//
// basic.apkg is the writer's own output: a Basic note type, HTML fields,
// tags and one image. cloze.apkg starts from the writer's collection and,
// through the writer's own sql.js handle, turns its note type into a Cloze
// one (type 1, fields Text and Back Extra) and adds cloze notes plus a review
// history (cards and revlog rows), since the writer itself only makes Basic
// notes. Date.now is fixed so that ids come out the same on every run.
// genanki-cloze.apkg comes from make-genanki.mjs (npm's genanki-js).
const fs = require('fs');
const path = require('path');
Date.now = () => 1767225600000; // 2026-01-01T00:00:00Z
const AnkiExport = require('anki-apkg-export').default;

async function basic() {
  const apkg = new AnkiExport('Capitals');
  apkg.addMedia('flag-kz.png', Buffer.from('89504e470d0a1a0a', 'hex'));
  apkg.addCard('Capital of <b>Kazakhstan</b>?', 'Astana', { tags: ['geo', 'central asia'] });
  apkg.addCard('Capital of Kyrgyzstan?', 'Bishkek<br>(since 1991)', { tags: ['geo'] });
  apkg.addCard('Flag: <img src="flag-kz.png">', 'Kazakhstan', { tags: 'flags' });
  apkg.addCard('Tom &amp; Jerry &lt;3 &quot;cheese&quot;', '<div>line one</div><div>line two</div>');
  return apkg.save();
}

async function cloze() {
  const apkg = new AnkiExport('Treaties');
  const db = apkg.db;
  const models = JSON.parse(db.exec('select models from col')[0].values[0][0]);
  const m = models[String(apkg.topModelId)];
  m.type = 1;
  m.name = 'Cloze';
  m.flds = [Object.assign({}, m.flds[0], { name: 'Text', ord: 0 }), Object.assign({}, m.flds[1], { name: 'Back Extra', ord: 1 })];
  m.tmpls = [Object.assign({}, m.tmpls[0], { name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>{{Back Extra}}' })];
  db.run('update col set models = ? where id = 1', [JSON.stringify(models)]);
  apkg.addCard('The {{c1::SCO}} was founded in {{c2::2001::year}}.', 'Shanghai', { tags: ['sco'] });
  apkg.addCard('{{c1::Astana}} hosted the summit; {{c2::Astana}} is a capital. [sound:summit.mp3]', '');
  // The writer gives each note one card with ord 0; add the c2 cards.
  const notes = db.exec('select id from notes order by id')[0].values.map(r => r[0]);
  const first = db.exec('select id, did from cards order by id')[0].values;
  notes.forEach((nid, i) => {
    db.run('insert into cards (id,nid,did,ord,mod,usn,type,queue,due,ivl,factor,reps,lapses,left,odue,odid,flags,data) values (?,?,?,1,0,-1,0,0,0,0,0,0,0,0,0,0,0,\'\')', [first[i][0] + 1000, nid, first[i][1]]);
  });
  // A review history for the first note: c1 three times, c2 once.
  const c1 = first[0][0], c2 = first[0][0] + 1000;
  const day = 86400000, t0 = 1767258000000; // 2026-01-01T09:00:00Z
  const revs = [[t0, c1, 1, 8000], [t0 + 600000, c1, 3, 4000], [t0 + day, c1, 3, 3000], [t0 + day + 60000, c2, 4, 2000]];
  revs.forEach(([id, cid, ease, time]) => {
    db.run('insert into revlog (id,cid,usn,ease,ivl,lastIvl,factor,time,type) values (?,?,-1,?,0,0,0,?,0)', [id, cid, ease, time]);
  });
  return apkg.save();
}

(async () => {
  fs.writeFileSync(path.join(__dirname, 'basic.apkg'), await basic());
  fs.writeFileSync(path.join(__dirname, 'cloze.apkg'), await cloze());
})();
