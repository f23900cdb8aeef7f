// Makes pending part files visible by renaming them to their finished names; committing again is a no-op.
import { closeSync, existsSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { WeirError } from '../../core/errors.ts';
import type { Committer } from '../../runtime/sink/sink.ts';

/** A pending part file and the name it gets when committed; paths relative to the sink's base path. */
export interface FileCommittable {
  readonly pendingPath: string;
  readonly finalPath: string;
}

export class FileCommitter implements Committer<FileCommittable> {
  private readonly basePath: string;

  constructor(basePath: string) {
    this.basePath = basePath;
  }

  commit(committables: readonly FileCommittable[]): void {
    const dirs = new Set<string>();
    for (const c of committables) {
      const pending = resolve(this.basePath, c.pendingPath);
      const final = resolve(this.basePath, c.finalPath);
      if (existsSync(pending)) {
        // Never overwrite: a finished file is final, and names are unique per writer.
        if (existsSync(final)) throw new WeirError(`file sink: cannot commit ${pending}: the finished file ${final} already exists`);
        renameSync(pending, final);
        dirs.add(dirname(final));
      } else if (!existsSync(final)) {
        throw new WeirError(`file sink: cannot commit ${final}: its pending file ${pending} is gone (deleted outside the job?)`);
      }
      // Else committed before (this is a restore): nothing to do.
    }
    // Make the renames durable.
    for (const dir of dirs) {
      const fd = openSync(dir, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  }
}
