// The commands of `weir`: `weir run [options] JOB.ts [job args...]`, shaped like `flink run`, and
// `weir sql [-f script.sql] [-i init.sql]`, shaped like Flink's sql-client.sh.
import { Command, Option } from 'commander';
import { runJobFile } from './run-command.ts';
import { runSqlCommand } from './sql-command.ts';

const program = new Command('weir')
  .description('Weir: stateful stream processing for TypeScript')
  .enablePositionalOptions()
  .showHelpAfterError();

program.command('run')
  .description('Run a job file. Options go before the job file; everything after it goes to the job.')
  .argument('<job>', 'the job file (TypeScript or JavaScript)')
  .argument('[args...]', "the job's own arguments")
  .option('-p, --parallelism <n>', 'default parallelism of the job')
  .addOption(new Option('-D <key=value>', 'a configuration value (repeatable), e.g. -D execution.checkpointing.interval=10s').argParser((v: string, prev: string[] = []) => [...prev, v]))
  .option('-s, --fromSavepoint <path>', 'restore from a savepoint or retained checkpoint (directory or its _metadata)')
  .option('-n, --allowNonRestoredState', 'allow savepoint state that no operator of the job claims')
  .option('--verbose', 'print stack traces of errors')
  .passThroughOptions()
  .action(async (job: string, args: string[], opts: { parallelism?: string; D?: string[]; fromSavepoint?: string; allowNonRestoredState?: boolean; verbose?: boolean }) => {
    process.exitCode = await runJobFile(job, args, {
      parallelism: opts.parallelism,
      dynamicProperties: opts.D ?? [],
      savepoint: opts.fromSavepoint,
      allowNonRestoredState: opts.allowNonRestoredState ?? false,
      verbose: opts.verbose ?? false,
    });
  });

program.command('sql')
  .description('The SQL client: an interactive session, or run a script with -f (INSERT jobs keep running after it).')
  .option('-f, --file <script>', 'run the statements of a SQL script')
  .option('-i, --init <script>', 'run a SQL script to initialise the session first (DDL, SET)')
  .option('-p, --parallelism <n>', 'default parallelism of the jobs')
  .addOption(new Option('-D <key=value>', 'a configuration value (repeatable), e.g. -D table.exec.state.ttl=1h').argParser((v: string, prev: string[] = []) => [...prev, v]))
  .option('--verbose', 'print stack traces of errors')
  .action(async (opts: { file?: string; init?: string; parallelism?: string; D?: string[]; verbose?: boolean }) => {
    process.exitCode = await runSqlCommand({
      file: opts.file,
      init: opts.init,
      parallelism: opts.parallelism,
      dynamicProperties: opts.D ?? [],
      verbose: opts.verbose ?? false,
    });
  });

await program.parseAsync(process.argv);
