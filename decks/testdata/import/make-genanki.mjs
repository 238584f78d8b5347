// make-genanki.mjs writes genanki-cloze.apkg with npm's genanki-js (2.0.0),
// a third-party Anki package writer (a port of Python's genanki): a Basic
// and reversed note type, a Cloze note type and their notes, in the
// writer's own collection (schema 11), with no changes by us.
//
//   mkdir /tmp/apkg && cd /tmp/apkg && npm install genanki-js@2.0.0
//   GENANKI_DIR=/tmp/apkg/node_modules node make-genanki.mjs
//
// genanki-js is written for browsers: it saves through file-saver's saveAs
// and takes an sql.js database from the page. Here saveAs is swapped for a
// function that writes the file, and sql.js is loaded from node_modules.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const nm = process.env.GENANKI_DIR || '/tmp/apkg/node_modules';
const require = createRequire(path.join(nm, 'genanki-js', 'package.json'));
const src = fs.readFileSync(path.join(nm, 'genanki-js', 'dist', 'genanki.js'), 'utf8')
  .replace('import { saveAs } from "file-saver";', 'const saveAs = (blob, name) => globalThis.__saveAs(blob, name);')
  .replace(/from "(js-sha256|jszip|big-integer)"/g, (m, p) => `from ${JSON.stringify(pathToFileURL(require.resolve(p)).href)}`);
const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'genanki-')), 'genanki.mjs');
fs.writeFileSync(tmp, src);
const { Model, ClozeModel, Deck, Note, Package } = await import(pathToFileURL(tmp).href);
const SQL = await require('sql.js')();

const realNow = Date.now;
Date.now = () => 1767225600000; // fixed ids and times: 2026-01-01T00:00:00Z
globalThis.Date = class extends Date { constructor(...a) { super(...(a.length ? a : [1767225600000])); } static now() { return 1767225600000; } };

const reversed = new Model({
  name: 'Basic (and reversed card)', id: '1700000000001',
  flds: [{ name: 'Front' }, { name: 'Back' }],
  req: [[0, 'all', [0]], [1, 'all', [1]]],
  tmpls: [
    { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' },
    { name: 'Card 2', qfmt: '{{Back}}', afmt: '{{FrontSide}}<hr id=answer>{{Front}}' },
  ],
});
const cloze = new ClozeModel({
  name: 'Cloze', id: '1700000000002',
  flds: [{ name: 'Text' }, { name: 'Back Extra' }],
  tmpl: { qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>{{Back Extra}}' },
});
const deck = new Deck(1700000000003, 'Central Asia');
deck.addNote(reversed.note(['CSTO', 'Collective Security Treaty Organization'], ['orgs']));
deck.addNote(reversed.note(['CICA', 'Conference on Interaction and<br>Confidence-Building Measures in Asia'], ['orgs']));
deck.addNote(cloze.note(['The {{c1::Aral Sea}} lies between {{c2::Kazakhstan}} and {{c2::Uzbekistan}}.', 'It has shrunk since the 1960s.'], ['geo']));
deck.addNote(cloze.note(['The SCO was founded in {{c1::2001::a year}} in {{c2::Shanghai}}.', ''], ['sco']));

const pkg = new Package();
pkg.addDeck(deck);
pkg.setSqlJs(new SQL.Database());
globalThis.__saveAs = async (blob, name) => {
  fs.writeFileSync(path.join(here, name), Buffer.from(await blob.arrayBuffer()));
  Date.now = realNow;
};
pkg.writeToFile('genanki-cloze.apkg');
