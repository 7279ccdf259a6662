// lowdb 7.0.1 (on steno 4.0.2) as its README shows it: JSONFilePreset(FILE), then per update
// db.read() and db.update(data => ...).
//
//   node lowdb-writer.js FILE WRITER COUNT
//
// db.update applies the change to the data in memory and writes it all (lib/core/Low.js:15-19, 24-27)
// through steno's Writer: writeFile to .FILE.tmp, one name for every process, then rename it over
// FILE, retried 10 times 100 ms apart (steno/lib/index.js:6-9, 53-56). No lock, no fsync.
import { JSONFilePreset } from 'lowdb/node';
import { serve } from './clobber-protocol.js';

let db;
serve(async (file, key, value) => {
  db ??= await JSONFilePreset(file, {});
  await db.read();
  await db.update((data) => { data[key] = value; });
});
