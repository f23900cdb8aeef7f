// Helpers for the parser tests: compare ASTs without positions, and check that printing a statement
// and parsing the text again gives the same AST.
import assert from 'node:assert/strict';
import type { Statement } from '../ast/ast.ts';
import { formatStatement, parseStatement } from './index.ts';

/** A deep copy without `pos` fields (positions differ after reprinting). */
export function stripPositions<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripPositions) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'pos') out[k] = stripPositions(v);
    return out as T;
  }
  return value;
}

/** Parses `sql`, prints it, parses the print again and asserts both ASTs are equal; returns the first AST. */
export function assertRoundTrip(sql: string): Statement {
  const first = parseStatement(sql);
  const printed = formatStatement(first);
  let second: Statement;
  try {
    second = parseStatement(printed);
  } catch (e) {
    throw new Error(`printed SQL does not parse: ${printed}\n${(e as Error).message}`);
  }
  assert.deepEqual(stripPositions(second), stripPositions(first), `round trip of: ${sql}\nprinted: ${printed}`);
  return first;
}
