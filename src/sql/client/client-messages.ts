// What the SQL client prints, worded as Flink's SQL client words it.

export const MESSAGES = {
  executeFile: '[INFO] Executing SQL from file.',
  succeeded: '[INFO] Execute statement succeeded.',
  submitting: '[INFO] Submitting SQL update statement to the cluster...',
  submitted: '[INFO] SQL update statement has been successfully submitted to the cluster:',
  completed: '[INFO] Complete execution of the SQL update statement.',
  errorPrefix: '[ERROR] Could not execute SQL statement. Reason:',
  shutdown: 'Shutting down the session...\ndone.',
} as const;

export const PROMPT = 'Weir SQL> ';
export const CONTINUATION_PROMPT = '> ';

export const WELCOME = `
  Welcome to Weir SQL! (Flink SQL dialect)

  Enter 'HELP;' to list all available commands. 'QUIT;' to exit.
`;

const COMMANDS: readonly [string, string][] = [
  ['CREATE TABLE', "Create table under current catalog and database. Syntax: 'CREATE [TEMPORARY] TABLE [IF NOT EXISTS] <name> (<columns>) WITH (<options>);'"],
  ['CREATE VIEW', "Creates a virtual table from a SQL query. Syntax: 'CREATE [TEMPORARY] VIEW <name> AS <query>;'"],
  ['CREATE FUNCTION', "Registers a TypeScript function. Syntax: 'CREATE [TEMPORARY [SYSTEM]] FUNCTION <name> AS '<module-path>#<export>';'"],
  ['CREATE CATALOG', "Creates an in-memory catalog. Syntax: 'CREATE CATALOG <name> WITH ('type' = 'generic_in_memory');'"],
  ['CREATE DATABASE', "Creates a database in the current catalog. Syntax: 'CREATE DATABASE [IF NOT EXISTS] <name>;'"],
  ['ALTER TABLE', "Changes a table's options or name. Syntax: 'ALTER TABLE <name> SET (<options>) | RESET (<keys>) | RENAME TO <new name>;'"],
  ['DESCRIBE', 'Describes the schema of a table with the given name.'],
  ['DROP TABLE', "Drop table with optional catalog and database. Syntax: 'DROP [TEMPORARY] TABLE [IF EXISTS] <name>;'"],
  ['DROP VIEW', "Deletes a previously created virtual table. Syntax: 'DROP [TEMPORARY] VIEW [IF EXISTS] <name>;'"],
  ['DROP FUNCTION', "Deletes a function. Syntax: 'DROP [TEMPORARY [SYSTEM]] FUNCTION [IF EXISTS] <name>;'"],
  ['EXPLAIN', 'Describes the execution plan of a query or table with the given name.'],
  ['HELP', 'Prints the available commands.'],
  ['INSERT INTO', 'Inserts the results of a SQL SELECT query into a declared table sink.'],
  ['BEGIN STATEMENT SET', "Begins a statement set; the INSERTs up to 'END;' run as one job."],
  ['QUIT', 'Quits the SQL CLI client (also EXIT).'],
  ['RESET', "Resets a session configuration property. Syntax: 'RESET '<key>';'. Use 'RESET;' for reset all session properties."],
  ['SELECT', 'Executes a SQL SELECT query and shows its result.'],
  ['SET', "Sets a session configuration property. Syntax: 'SET '<key>' = '<value>';'. Use 'SET;' for listing all properties."],
  ['SHOW CATALOGS', 'Shows all registered catalogs.'],
  ['SHOW DATABASES', 'Shows all databases of the current catalog.'],
  ['SHOW TABLES', 'Shows all registered tables.'],
  ['SHOW VIEWS', 'Shows all registered views.'],
  ['SHOW FUNCTIONS', "Shows all user-defined and built-in functions or only user-defined functions. Syntax: 'SHOW [USER] FUNCTIONS;'"],
  ['SHOW CREATE TABLE', 'Shows the CREATE TABLE statement of a table.'],
  ['SHOW JOBS', 'Shows the jobs started in this session.'],
  ['USE CATALOG', "Sets the current catalog. The current database is set to the catalog's default one. Syntax: 'USE CATALOG <name>;'"],
  ['USE', "Sets the current default database. Syntax: 'USE <name>;'"],
];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map(([c]) => c.length)) + 2;
  return `The following commands are available:\n\n${COMMANDS.map(([c, d]) => `${c.padEnd(width)}${d}`).join('\n')}\n\n` +
    "Hint: Make sure that a statement ends with ';' for finalizing (multi-line) statements.\n" +
    'Result modes: SET \'sql-client.execution.result-mode\' = \'table\' | \'changelog\' | \'tableau\';\n';
}
