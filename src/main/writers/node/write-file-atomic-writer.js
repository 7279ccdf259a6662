// write-file-atomic 7.0.0 as its README shows it: read FILE, then writeFileAtomic(FILE, json).
//
//   node write-file-atomic-writer.js FILE WRITER COUNT
//
// writeFileAtomic writes FILE.<murmur hash of pid and a counter> (lib/index.js:29-36), fsyncs it
// (:119-121), renames it over FILE (:142); it does not fsync the directory. It queues writes to one
// file within one process (:48-60), and takes no lock between processes.
import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { serve } from './clobber-protocol.js';

serve(async (file, key, value) => {
  const data = JSON.parse(await readFile(file, 'utf8'));
  data[key] = value;
  await writeFileAtomic(file, JSON.stringify(data));
});
