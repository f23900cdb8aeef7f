// A one-line job status (records in/out, checkpoints, backpressure) that updates in place on a
// terminal, and prints a line every few seconds when the output is not a terminal.
import type { JobClient } from '../api/index.ts';

export class StatusLine {
  readonly #out: NodeJS.WriteStream;
  #timer: ReturnType<typeof setInterval> | undefined;
  #shown = false;

  constructor(out: NodeJS.WriteStream) {
    this.#out = out;
  }

  track(client: JobClient): void {
    this.stop();
    const started = Date.now();
    let lastIn = 0;
    let lastAt = started;
    const tty = this.#out.isTTY === true;
    this.#timer = setInterval(() => {
      const m = client.metrics();
      const now = Date.now();
      const rate = ((m.recordsIn - lastIn) / Math.max(1, now - lastAt)) * 1000;
      lastIn = m.recordsIn;
      lastAt = now;
      const line = `${client.getJobStatus()} ${((now - started) / 1000).toFixed(0)}s | in ${m.recordsIn.toLocaleString('en')} (${Math.round(rate).toLocaleString('en')}/s)` +
        ` | out ${m.recordsOut.toLocaleString('en')} | checkpoints ${m.checkpointsCompleted}${m.checkpointsFailed ? ` (${m.checkpointsFailed} failed)` : ''}` +
        ` | backpressure ${m.backlog > 0 ? 'HIGH' : 'OK'}${m.restarts ? ` | restarts ${m.restarts}` : ''}${m.skipped ? ` | skipped ${m.skipped}` : ''}`;
      if (tty) {
        this.#out.write(`\r\x1b[K${line}`);
        this.#shown = true;
      } else {
        this.#out.write(`${line}\n`);
      }
    }, tty ? 500 : 5000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#shown) this.#out.write('\r\x1b[K');
    this.#shown = false;
  }
}
