// clobber's line protocol for a Node writer that wraps a library (docs/external-writers.md).
//
//   serve(update)   with argv FILE WRITER COUNT
//
// Prints "ready", waits for "go" on stdin, then for each update i awaits update(FILE, "w<WRITER>-<i>", i)
// and prints "ack i" when it resolves, or "gave-up i <the error>" when it throws: the library's
// failure is a given-up update, never retried. Then "done". enter() and exit() print the optional
// "enter NANOS" / "exit NANOS" stamps around a critical section (CLOCK_MONOTONIC: process.hrtime).
// End of file on stdin means clobber is gone: exit.
import { createInterface } from 'node:readline';
import { writeSync } from 'node:fs';

// Synchronous writes to stdout: a line is out before the next step, as a killed writer's evidence must be.
const say = (line) => writeSync(1, line + '\n');

export const enter = () => say(`enter ${process.hrtime.bigint()}`);
export const exit = () => say(`exit ${process.hrtime.bigint()}`);

export async function serve(update) {
  const [file, writer, count] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  say('ready');
  const go = await lines.next();
  if (go.done || go.value.trim() !== 'go') process.exit(1);
  lines.next().then(() => process.exit(1)); // nothing more comes after go: end of file means clobber is gone
  for (let seq = 0; seq < count; seq++) {
    try {
      await update(file, `w${writer}-${seq}`, seq);
      say(`ack ${seq}`);
    } catch (e) {
      say(`gave-up ${seq} ${String(e).replace(/\n/g, ' ')}`);
    }
  }
  say('done');
  process.exit(0);
}
