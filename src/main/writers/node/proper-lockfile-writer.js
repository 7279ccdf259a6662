// proper-lockfile 4.1.2 as its README shows it: lock(FILE), read and write FILE, release().
//
//   node proper-lockfile-writer.js FILE WRITER COUNT [RETRIES]
//
// lock() mkdirs FILE.lock (lib/lockfile.js:28-29); a lock whose mtime is older than `stale`
// (10 s, :208) is taken over, and a held lock's mtime is refreshed every stale/2 (:220, 143). With
// the README's options (retries: 0, :211) a held lock is an ELOCKED error at once; RETRIES sets
// `retries` (node-retry's exponential back-off). The update writes FILE in place: writeFileSync,
// truncate then write, no fsync.
import { readFileSync, writeFileSync } from 'node:fs';
import lockfile from 'proper-lockfile';
import { serve, enter, exit } from './clobber-protocol.js';

const retries = Number(process.argv[5] ?? 0);

serve(async (file, key, value) => {
  const release = await lockfile.lock(file, { retries });
  enter();
  const data = JSON.parse(readFileSync(file, 'utf8'));
  data[key] = value;
  writeFileSync(file, JSON.stringify(data));
  exit();
  await release();
});
