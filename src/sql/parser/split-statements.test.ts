// splitStatements: top-level `;` only, start lines and columns, incomplete trailing pieces, and
// statement sets kept together.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStatement, splitStatements } from './index.ts';

describe('splitStatements', () => {
  it('splits at top-level semicolons and reports where each statement starts', () => {
    const script = "SET 'a' = 'b';\n\n  SELECT 1;  SELECT 2\n;";
    assert.deepEqual(splitStatements(script), [
      { text: "SET 'a' = 'b'", line: 1, column: 1, complete: true },
      { text: 'SELECT 1', line: 3, column: 3, complete: true },
      { text: 'SELECT 2', line: 3, column: 14, complete: true },
    ]);
  });

  it('ignores semicolons in strings, quoted names and comments', () => {
    const script = "SELECT ';', `a;b` -- x;y\nFROM t /* c;d */ WHERE s = 'it''s;';\nSELECT 2;";
    const pieces = splitStatements(script);
    assert.deepEqual(pieces.map((p) => p.text), ["SELECT ';', `a;b` -- x;y\nFROM t /* c;d */ WHERE s = 'it''s;'", 'SELECT 2']);
    assert.deepEqual(pieces.map((p) => p.line), [1, 3]);
  });

  it('drops pieces with only comments and whitespace, and skips leading comments', () => {
    assert.deepEqual(splitStatements('-- header\n/* block */\n;  ;\n-- trailing\n'), []);
    assert.deepEqual(splitStatements('-- header\n  SELECT 1;'), [{ text: 'SELECT 1', line: 2, column: 3, complete: true }]);
  });

  it('treats no-break spaces as whitespace', () => {
    assert.deepEqual(splitStatements('SELECT 1\u00a0;\u00a0\u00a0'), [{ text: 'SELECT 1', line: 1, column: 1, complete: true }]);
  });

  it('marks an unterminated trailing piece incomplete', () => {
    assert.deepEqual(splitStatements('SELECT 1;\nSELECT *\nFROM t'), [
      { text: 'SELECT 1', line: 1, column: 1, complete: true },
      { text: 'SELECT *\nFROM t', line: 2, column: 1, complete: false },
    ]);
    assert.deepEqual(splitStatements("SELECT 'abc;").map((p) => p.complete), [false]);
    assert.deepEqual(splitStatements('SELECT 1 /* open;').map((p) => p.complete), [false]);
  });

  it('keeps BEGIN STATEMENT SET ... END; together', () => {
    const script = 'BEGIN STATEMENT SET;\nINSERT INTO a SELECT CASE WHEN x THEN 1 END FROM s;\nINSERT INTO b SELECT 2;\nEND;\nSELECT 3;';
    const pieces = splitStatements(script);
    assert.deepEqual(pieces.map((p) => [p.line, p.complete]), [[1, true], [5, true]]);
    assert.equal(pieces[0]!.text, 'BEGIN STATEMENT SET;\nINSERT INTO a SELECT CASE WHEN x THEN 1 END FROM s;\nINSERT INTO b SELECT 2;\nEND');
    const set = parseStatement(pieces[0]!.text);
    assert.equal(set.kind === 'StatementSet' ? set.inserts.length : 0, 2);
  });

  it('keeps EXECUTE STATEMENT SET BEGIN ... END; together and reports an open set as incomplete', () => {
    const pieces = splitStatements('execute statement set begin\n insert into a select 1;\n end;');
    assert.deepEqual(pieces.map((p) => p.complete), [true]);
    assert.equal(parseStatement(pieces[0]!.text).kind, 'StatementSet');
    assert.deepEqual(splitStatements('BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;').map((p) => p.complete), [false]);
  });

  it('lets the parser report script-relative positions', () => {
    const [, second] = splitStatements('SELECT 1;\n  SELECT (2 FROM t;');
    assert.throws(
      () => parseStatement(second!.text, { lineOffset: second!.line - 1, columnOffset: second!.column - 1 }),
      /SQL parse error at line 2, column 13: expected '\)' but found 'FROM'/,
    );
  });
});
