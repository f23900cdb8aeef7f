// Compiles typed expressions (Rex) to JavaScript functions once per query: each expression tree
// becomes straight-line source (temporaries, inline NULL checks, lazy branches for AND/OR/CASE)
// evaluated with `new Function`, with function implementations and non-primitive literals captured.
import type { Rex, RexCall } from '../planner/rex.ts';
import { scalarImpl } from '../functions/scalar/registry.ts';
import type { CodeGen } from '../functions/scalar/function-def.ts';
import type { ExprContext } from './expr-context.ts';

export type { ExprContext } from './expr-context.ts';

export type RowFn = (fields: readonly unknown[]) => unknown;

class Generator implements CodeGen {
  readonly ctx: ExprContext;
  readonly names: string[] = [];
  readonly values: unknown[] = [];
  readonly inputs = new Set<number>();
  readonly #captured = new Map<unknown, string>();
  #n = 0;

  constructor(ctx: ExprContext) {
    this.ctx = ctx;
  }

  temp(): string {
    return `t${this.#n++}`;
  }

  capture(value: unknown): string {
    let name = this.#captured.get(value);
    if (name === undefined) {
      name = `c${this.values.length}`;
      this.#captured.set(value, name);
      this.names.push(name);
      this.values.push(value);
    }
    return name;
  }

  constantValue(rex: Rex): { readonly value: unknown } | undefined {
    if (rex.kind === 'literal') return { value: rex.value };
    return isConstant(rex) ? { value: evaluateConstant(rex, this.ctx) } : undefined;
  }

  emit(rex: Rex, out: string[]): string {
    switch (rex.kind) {
      case 'input':
        this.inputs.add(rex.index);
        return `i${rex.index}`;
      case 'literal':
        return this.literal(rex.value);
      case 'field': {
        const o = this.emit(rex.operand, out);
        const t = this.temp();
        out.push(`const ${t} = ${o} === null ? null : ${o}[${rex.index}];`);
        return t;
      }
      case 'correl':
        throw new Error(`Correlated reference $cor${rex.id}.${rex.index} must be decorrelated before compilation`);
      case 'call':
        return this.call(rex, out);
    }
  }

  literal(v: unknown): string {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)) return v < 0 ? `(${v})` : String(v);
    if (typeof v === 'bigint') return `(${v}n)`;
    if (typeof v === 'string') return JSON.stringify(v);
    return this.capture(v);
  }

  call(c: RexCall, out: string[]): string {
    const t = this.temp();
    if (c.udf) {
      const args = c.operands.map((o) => this.emit(o, out));
      out.push(`let ${t} = ${this.capture(c.udf)}.eval(${args.join(', ')});`, `if (${t} === undefined) ${t} = null;`);
      return t;
    }
    const impl = scalarImpl(c.op);
    if (!impl) throw new Error(`No implementation for operator ${c.op}`);
    if (impl.kind === 'custom') return impl.code(c, this, out);
    const args = c.operands.map((o) => this.emit(o, out));
    if (impl.kind === 'lenient') {
      out.push(`const ${t} = ${this.capture(impl.make(c, this.ctx))}(${args.join(', ')});`);
      return t;
    }
    if (args.includes('null')) return 'null'; // a NULL literal operand of a strict function
    const body = impl.kind === 'inline' ? impl.code(args, c, this) : `${this.capture(impl.make(c, this.ctx))}(${args.join(', ')})`;
    const checks = args.filter((a, i) => !(c.operands[i]!.kind === 'literal' && a !== 'null'));
    out.push(`const ${t} = ${checks.length ? `${checks.map((a) => `${a} === null`).join(' || ')} ? null : ` : ''}${body};`);
    return t;
  }

  /** Builds the function: `params` are the parameter names, `inputOf(i)` how input field i is read. */
  build<F>(params: string, inputOf: (i: number) => string, body: string[], result: string): F {
    const pre = [...this.inputs].sort((a, b) => a - b).map((i) => `const i${i} = ${inputOf(i)};`);
    const src = `"use strict";\nreturn function compiled(${params}) {\n${[...pre, ...body].join('\n')}\nreturn ${result};\n};`;
    return new Function(...this.names, src)(...this.values) as F;
  }
}

/**
 * A function computing the expression's value from an input row's fields.
 *
 * @example
 *   const plus1 = compileExpression(resolveScalarCall('+', [inputRef(0, Types.INT()), literal(1, Types.INT(false))]), { timeZone: 'UTC' });
 *   plus1([41]); // 42
 */
export function compileExpression(rex: Rex, ctx: ExprContext): RowFn {
  const g = new Generator(ctx);
  const out: string[] = [];
  const r = g.emit(rex, out);
  return g.build('f', (i) => `f[${i}]`, out, r);
}

/** One function building the output row (an array of the expressions' values) from the input fields. */
export function compileProjection(rexes: readonly Rex[], ctx: ExprContext): (fields: readonly unknown[]) => unknown[] {
  const g = new Generator(ctx);
  const out: string[] = [];
  const rs = rexes.map((r) => g.emit(r, out));
  return g.build('f', (i) => `f[${i}]`, out, `[${rs.join(', ')}]`);
}

/** A filter: true only when the condition is TRUE (NULL and FALSE reject the row). */
export function compilePredicate(rex: Rex, ctx: ExprContext): (fields: readonly unknown[]) => boolean {
  const g = new Generator(ctx);
  const out: string[] = [];
  const r = g.emit(rex, out);
  return g.build('f', (i) => `f[${i}]`, out, `${r} === true`);
}

/** A join condition over a left and a right row: input refs below `leftWidth` read the left row. */
export function compileJoinPredicate(rex: Rex, leftWidth: number, ctx: ExprContext): (left: readonly unknown[], right: readonly unknown[]) => boolean {
  const g = new Generator(ctx);
  const out: string[] = [];
  const r = g.emit(rex, out);
  return g.build('l, r', (i) => (i < leftWidth ? `l[${i}]` : `r[${i - leftWidth}]`), out, `${r} === true`);
}

/** Whether an expression has the same value for every row and every evaluation (no inputs, clock, randomness or UDF with side effects). */
export function isConstant(rex: Rex): boolean {
  switch (rex.kind) {
    case 'literal': return true;
    case 'input': case 'correl': return false;
    case 'field': return isConstant(rex.operand);
    case 'call': return !rex.nonDeterministic && rex.op !== 'PROCTIME' && rex.operands.every(isConstant);
  }
}

/** The value of a constant expression (for constant folding); errors of the evaluation are thrown. */
export function evaluateConstant(rex: Rex, ctx: ExprContext): unknown {
  return compileExpression(rex, ctx)([]);
}
