// Shared helpers for the end-to-end tests: run `weir run` as a child process and talk to it, and read
// what the file sink left in an output directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const JOBS = join(ROOT, 'tests', 'e2e-jobs');

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const live = new Set<CliRun>();

/** Kills every child still running (a failed test must not leave jobs behind). */
export function killLeftovers(): void {
  for (const run of live) run.child.kill('SIGKILL');
}

/** A running `weir run ...` child process. */
export class CliRun {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  readonly #waiters: Array<() => void> = [];
  #done = false;

  constructor(args: readonly string[], timeoutMs: number) {
    this.child = spawn(process.execPath, [join(ROOT, 'src', 'cli', 'main.ts'), 'run', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => { this.stdout += d; this.#wake(); });
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => { this.stderr += d; this.#wake(); });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    live.add(this);
    this.exited = new Promise<Exit>((res) => {
      this.child.on('close', (code, signal) => {
        clearTimeout(timer);
        live.delete(this);
        this.#done = true;
        this.#wake();
        res({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Resolves with the first match of `re` in stdout (or stderr); rejects if the process ends first. */
  async waitFor(re: RegExp, stream: 'stdout' | 'stderr' = 'stdout', timeoutMs = 30_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = re.exec(stream === 'stdout' ? this.stdout : this.stderr);
      if (m) return m;
      if (this.#done) throw new Error(`process ended before ${re} appeared on ${stream}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${re} on ${stream}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.#waiters.push(() => { clearTimeout(t); r(); });
      });
    }
  }

  /** Writes one command line to the job (the control protocol of tests/e2e-jobs/control.ts). */
  send(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  /** Sends a control command and waits for its reply line (`<REPLY> <path>`); returns the path. */
  async command(cmd: string, reply: string, timeoutMs = 30_000): Promise<string> {
    const before = this.stdout.length;
    this.send(cmd);
    const re = new RegExp(`^(${reply}|ERROR) (.*)$`, 'm');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = re.exec(this.stdout.slice(before));
      if (m) {
        if (m[1] === 'ERROR') throw new Error(`the job answered '${cmd}' with an error: ${m[2]}`);
        return m[2]!;
      }
      if (this.#done || Date.now() > deadline) throw new Error(`no ${reply} reply to '${cmd}'\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Starts `weir run <args>`; the child is killed after `timeoutMs`. */
export function weirRun(args: readonly string[], timeoutMs = 60_000): CliRun {
  return new CliRun(args, timeoutMs);
}

/** Runs `weir run <args>` to its end. */
export function weirRunToEnd(args: readonly string[], timeoutMs = 60_000): Promise<Exit> {
  return weirRun(args, timeoutMs).exited;
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `weir-e2e-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** Every file under `dir`, recursively. */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  walk(dir, out);
  return out.sort();
}

const isHidden = (path: string, base: string): boolean => path.slice(base.length + 1).split('/').some((seg) => seg.startsWith('.') || seg.startsWith('_'));

/** Finished (visible) part files of a file sink's output directory. */
export function finishedFiles(dir: string): string[] {
  return allFiles(dir).filter((p) => !isHidden(p, dir));
}

/** In-progress and pending part files (hidden: a leading '.'). */
export function hiddenFiles(dir: string): string[] {
  return allFiles(dir).filter((p) => isHidden(p, dir));
}

/** The lines of every finished part file under `dir`. */
export function finishedLines(dir: string): string[] {
  return finishedFiles(dir).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l !== ''));
}

/** Counts of each distinct string. */
export function multiset(values: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** A map as sorted entries, for deepStrictEqual with a readable diff. */
export function sortedEntries<V>(m: Map<string, V>): Array<[string, V]> {
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value other than undefined. */
export async function until<T>(what: string, check: () => T | undefined, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The JobID that `weir run` printed on stderr. */
export function jobIdOf(stderr: string): string {
  const m = /JobID ([0-9a-f]{32})/.exec(stderr);
  if (!m) throw new Error(`no JobID in stderr:\n${stderr}`);
  return m[1]!;
}
