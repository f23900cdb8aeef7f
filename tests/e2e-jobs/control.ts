// Lets an end-to-end test steer a running job over stdin: `savepoint DIR`, `stop DIR` and `rss`,
// answered on stdout with `SAVEPOINT <path>`, `STOPPED <path>`, `RSS <bytes>` or `ERROR <message>`.
import { createInterface } from 'node:readline';
import type { JobClient } from 'weir';

/** Prints `STARTED <jobId> <job args as JSON>`, serves control commands until the job ends, and returns its result. */
export async function serveControl(client: JobClient): Promise<void> {
  console.log(`STARTED ${client.jobId} ${JSON.stringify(process.argv.slice(2))}`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [cmd, arg] = line.trim().split(/\s+/, 2);
    const reply = (p: Promise<string>, tag: string) => p.then(
      (v) => console.log(`${tag} ${v}`),
      (e: Error) => console.log(`ERROR ${e.message.replace(/\n/g, ' ')}`),
    );
    switch (cmd) {
      case 'savepoint': void reply(client.triggerSavepoint(arg), 'SAVEPOINT'); break;
      case 'stop': void reply(client.stopWithSavepoint(arg), 'STOPPED'); break;
      case 'rss': console.log(`RSS ${process.memoryUsage().rss}`); break;
      default: console.log(`ERROR unknown command '${line}'`);
    }
  });
  try {
    await client.result;
  } finally {
    lines.close();
    process.stdin.destroy();
  }
}
