// jsonfile 6.2.1 as its README shows it: readFileSync(FILE), then writeFileSync(FILE, obj).
//
//   node jsonfile-writer.js FILE WRITER COUNT
//
// writeFileSync is fs.writeFileSync of the stringified object (index.js:73-78): FILE opened with
// O_TRUNC and written in place. No lock, no temp file, no fsync.
import jsonfile from 'jsonfile';
import { serve } from './clobber-protocol.js';

serve(async (file, key, value) => {
  const data = jsonfile.readFileSync(file);
  data[key] = value;
  jsonfile.writeFileSync(file, data);
});
