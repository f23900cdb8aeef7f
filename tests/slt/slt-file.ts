// Parses Weir's SQL golden files (a sqllogictest dialect). A file is a sequence of records
// separated by blank lines:
//
//   # a comment line
//   file orders.csv                  a data file written into the test's scratch directory
//   1,apple,10                       (its lines follow until a blank line; ${DATA} in statements
//   2,pear,5                          is replaced by that directory)
//
//   statement ok                     a statement that must succeed (DDL, SET, INSERT, ...)
//   CREATE TABLE ...
//
//   statement error <substring>      a statement (or query) that must fail with a message
//   SELECT nope FROM orders          containing <substring> (`statement error streaming <substring>`:
//                                    in STREAMING only)
//
//   query                            a query whose final result, as a multiset of rows, must
//   SELECT product, SUM(amount)      equal the rows after ----; run in STREAMING (the emitted
//   FROM orders GROUP BY product     changelog is applied) and in BATCH
//   ----
//   apple | 10                       values as CAST(v AS STRING) prints them, NULL for null,
//   pear | 5                         columns separated by " | "
//
//   query ordered                    as query, but rows must come in this order (BATCH only,
//                                    or STREAMING when the result is insert-only)
//   query changelog                  STREAMING only: the exact changelog, each row prefixed by
//   ----                             its kind: "+I apple | 10", "-U apple | 10", "+U apple | 15"
//   query streaming / query batch    restrict a query (or `statement ok streaming`) to one mode
//   include ../orders-data.txt       the records of another file (shared tables and data)
export type Mode = 'STREAMING' | 'BATCH';

export type SltRecord =
  | { readonly type: 'file'; readonly name: string; readonly content: string; readonly line: number }
  | { readonly type: 'statement'; readonly sql: string; readonly error?: string; readonly modes: readonly Mode[]; readonly line: number }
  | { readonly type: 'query'; readonly sql: string; readonly check: 'multiset' | 'ordered' | 'changelog'; readonly expected: readonly string[]; readonly modes: readonly Mode[]; readonly line: number };

const BOTH: readonly Mode[] = ['STREAMING', 'BATCH'];

function modesOf(words: readonly string[]): readonly Mode[] {
  if (words.includes('streaming')) return ['STREAMING'];
  if (words.includes('batch')) return ['BATCH'];
  return BOTH;
}

export function parseSlt(text: string, fileName: string, readInclude: (name: string) => string): SltRecord[] {
  const lines = text.split('\n');
  const records: SltRecord[] = [];
  let i = 0;
  const fail = (msg: string): never => { throw new Error(`${fileName}:${i + 1}: ${msg}`); };
  while (i < lines.length) {
    const head = lines[i]!.trim();
    if (head === '' || head.startsWith('#')) { i++; continue; }
    const start = i;
    const words = head.split(/\s+/);
    i++;
    const body: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && lines[i]!.trim() !== '----') body.push(lines[i++]!);
    if (words[0] === 'include') {
      const name = words[1] ?? fail('include needs a file name');
      records.push(...parseSlt(readInclude(name), name, readInclude));
    } else if (words[0] === 'file') {
      records.push({ type: 'file', name: words[1] ?? fail('file needs a name'), content: body.join('\n') + '\n', line: start + 1 });
    } else if (words[0] === 'statement') {
      if (words[1] === 'ok') records.push({ type: 'statement', sql: body.join('\n'), modes: modesOf(words.slice(2)), line: start + 1 });
      else if (words[1] === 'error') {
        // `statement error [streaming|batch] <substring>`
        const restricted = words[2] === 'streaming' || words[2] === 'batch';
        const error = head.slice(head.indexOf('error') + 5).trim().slice(restricted ? words[2]!.length : 0).trim();
        records.push({ type: 'statement', sql: body.join('\n'), error, modes: restricted ? modesOf([words[2]!]) : BOTH, line: start + 1 });
      }
      else fail(`expected 'statement ok' or 'statement error', got '${head}'`);
    } else if (words[0] === 'query') {
      const check = words.includes('changelog') ? 'changelog' : words.includes('ordered') ? 'ordered' : 'multiset';
      if (lines[i]?.trim() !== '----') fail('a query needs ---- before its expected rows');
      i++;
      const expected: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '') expected.push(lines[i++]!.trim());
      records.push({ type: 'query', sql: body.join('\n'), check, expected, modes: check === 'changelog' ? ['STREAMING'] : modesOf(words.slice(1)), line: start + 1 });
    } else {
      fail(`expected file, statement or query, got '${head}'`);
    }
  }
  return records;
}
