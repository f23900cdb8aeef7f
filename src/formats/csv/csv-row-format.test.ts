import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputFormatError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import { rowType, Types } from '../../core/types/logical-type.ts';
import { csvRowFormat as format } from './csv-row-format.ts';

const type = rowType([['id', Types.INT()], ['name', Types.STRING()], ['price', Types.DECIMAL(10, 2)], ['ts', Types.TIMESTAMP(3)], ['tags', Types.ARRAY(Types.INT())]]);

function decode(lines: string[], options: Record<string, string> = {}, onSkip?: (r: string) => void): Row[] {
  const rows: Row[] = [];
  const decoder = format.createDecoder({ physicalType: type, metadataKeys: [], options, source: 'in.csv', onSkip });
  lines.forEach((l, i) => decoder.decode(l, (r) => rows.push(r), { line: i + 1 }));
  return rows;
}

test('fields by position, quotes, empty fields, null literal, comments, arrays', () => {
  const rows = decode(['1,"Smith, J.",12.5,2020-01-01 12:00:00,1;2', '2,"",,,', '# comment', '3,N,N,N,N', '4,"say ""hi""",0,,'], { 'allow-comments': 'true', 'null-literal': 'N' });
  assert.deepEqual(rows.map((r) => r.fields), [
    [1, 'Smith, J.', 1250n, Date.UTC(2020, 0, 1, 12), [1, 2]],
    [2, '', null, null, null],
    [3, null, null, null, null],
    [4, 'say "hi"', 0n, null, null],
  ]);
  assert.deepEqual(decode(['5|a|1|2020-01-01 00:00:00|'], { 'field-delimiter': '|' })[0]!.fields, [5, 'a', 100n, Date.UTC(2020, 0, 1), null]);
  assert.deepEqual(decode(["6,'x,y',1,,"], { 'quote-character': "'" })[0]!.fields, [6, 'x,y', 100n, null, null]);
});

test('malformed lines fail with the line, column and reason, or are skipped and counted', () => {
  assert.throws(() => decode(['1,a,1,,', 'x,b,2,,']), (e: unknown) => e instanceof InputFormatError && e.line === 2 && /field 'id' \(column 1\): 'x' is not an integer/.test(e.message));
  assert.throws(() => decode(['1,"open,1,,']), /unterminated quoted field/);
  assert.throws(() => decode(['1,a']), /the line has 2 fields, the table 5 columns/);
  const skipped: string[] = [];
  assert.deepEqual(decode(['1,a,1,,', 'x,b,2,,', '3,c,3,,'], { 'ignore-parse-errors': 'true' }, (r) => skipped.push(r)).map((r) => r.fields[0]), [1, 3]);
  assert.equal(skipped.length, 1);
  assert.match(skipped[0]!, /^in\.csv:2: /);
});

test('encoding quotes what needs quoting and reads back', () => {
  const encoder = format.createEncoder({ physicalType: type, options: {} });
  const fields = [1, 'a,"b"', 1234n, Date.UTC(2020, 0, 1, 12, 0, 0, 500), [1, 2]];
  const line = encoder.encode({ kind: '+I', fields });
  assert.equal(line, '1,"a,""b""",12.34,2020-01-01 12:00:00.5,1;2');
  assert.deepEqual(decode([line])[0]!.fields, fields);
  assert.equal(encoder.encode({ kind: '+I', fields: [null, '', null, null, null] }), ',"",,,');
});
