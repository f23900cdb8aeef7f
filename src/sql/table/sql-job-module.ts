// The job module of SQL jobs in worker threads: replays the session's statements (argv[2], a
// SqlJobPayload) in a fresh TableEnvironment and runs the job's statement, whose execute hands the
// rebuilt graph to the worker runtime.
import { replaySqlJob, type SqlJobPayload } from './table-environment.ts';

await replaySqlJob(JSON.parse(process.argv[2]!) as SqlJobPayload);
