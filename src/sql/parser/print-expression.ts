// Prints expressions, identifiers and data types as SQL that parses back to the same AST; operands
// get parentheses only where the operator levels of the parser require them.
import type { Expr, FrameBound, FunctionCall, Hint, Ident, JsonCall, OrderItem, QualifiedName, TypeSpec, WindowSpec } from '../ast/ast.ts';
import { LEVEL } from './parse-expression.ts';
import { formatQuery } from './printer.ts';
import { RESERVED } from './token-cursor.ts';

const WORD = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*$/;

/** A name, back-quoted when it was written quoted or could not be read back unquoted. */
export function formatIdent(id: Ident): string {
  return !id.quoted && WORD.test(id.name) && !RESERVED.has(id.name.toUpperCase()) ? id.name : quoteIdent(id.name);
}

export function quoteIdent(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`';
}

/** An unquoted key such as a partition column, quoted only when needed. */
export function formatName(name: string): string {
  return WORD.test(name) && !RESERVED.has(name.toUpperCase()) ? name : quoteIdent(name);
}

export function formatQualifiedName(name: QualifiedName): string {
  return name.parts.map(formatIdent).join('.');
}

export function formatString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A name read in a position where any word is a name, so reserved words stay unquoted: functions (LEFT(..)) and fields (`x.value`). */
function formatWordName(id: Ident): string {
  return !id.quoted && WORD.test(id.name) ? id.name : quoteIdent(id.name);
}

function formatFunctionName(name: QualifiedName): string {
  return name.parts.map(formatWordName).join('.');
}

const BINARY_LEVEL: Readonly<Record<string, number>> = {
  OR: LEVEL.OR, AND: LEVEL.AND, '=': LEVEL.COMPARE, '<>': LEVEL.COMPARE, '<': LEVEL.COMPARE, '<=': LEVEL.COMPARE,
  '>': LEVEL.COMPARE, '>=': LEVEL.COMPARE, 'IS DISTINCT FROM': LEVEL.COMPARE, 'IS NOT DISTINCT FROM': LEVEL.COMPARE,
  '||': LEVEL.CONCAT, '+': LEVEL.ADD, '-': LEVEL.ADD, '*': LEVEL.MUL, '/': LEVEL.MUL, '%': LEVEL.MUL,
};

/** The binding level of the expression's top operator (PRIMARY when it needs no parentheses anywhere). */
function levelOf(e: Expr): number {
  switch (e.kind) {
    case 'BinaryExpr': return BINARY_LEVEL[e.op]!;
    case 'UnaryExpr': return e.op === 'NOT' ? LEVEL.NOT : LEVEL.UNARY;
    case 'ExistsExpr': return e.negated ? LEVEL.NOT : LEVEL.PRIMARY;
    case 'BetweenExpr': case 'InListExpr': case 'InSubqueryExpr': case 'LikeExpr': case 'IsExpr': return LEVEL.COMPARE;
    case 'ItemAccess': case 'FieldAccess': return LEVEL.POSTFIX;
    case 'NamedArg': case 'TableArg': return LEVEL.OR;
    default: return LEVEL.PRIMARY;
  }
}

/** `e` as an operand that must bind at least at `min`. */
function operand(e: Expr, min: number): string {
  const s = formatExpr(e);
  return levelOf(e) < min ? `(${s})` : s;
}

function list(items: readonly Expr[]): string {
  return items.map((e) => formatExpr(e)).join(', ');
}

export function formatExpr(e: Expr): string {
  switch (e.kind) {
    case 'Literal':
      switch (e.type) {
        case 'numeric': return String(e.value);
        case 'string': return formatString(String(e.value));
        case 'boolean': return e.value ? 'TRUE' : 'FALSE';
        case 'null': return 'NULL';
        case 'binary': return `X'${String(e.value)}'`;
        default: return `${e.type.toUpperCase()} ${formatString(String(e.value))}`;
      }
    case 'IntervalLiteral':
      return `INTERVAL ${e.negative ? '-' : ''}${formatString(e.value)} ${e.unit}${e.toUnit ? ` TO ${e.toUnit}` : ''}`;
    case 'ColumnRef': return formatQualifiedName(e.name);
    case 'Star': return e.qualifier ? `${formatQualifiedName(e.qualifier)}.*` : '*';
    case 'Param': return '?';
    case 'BinaryExpr': {
      const level = BINARY_LEVEL[e.op]!;
      return `${operand(e.left, level)} ${e.op} ${operand(e.right, level + 1)}`;
    }
    case 'UnaryExpr': {
      // NOT (EXISTS q) stays a NOT over EXISTS: unparenthesised it would read back as one negated EXISTS.
      if (e.op === 'NOT') return `NOT ${e.operand.kind === 'ExistsExpr' ? `(${formatExpr(e.operand)})` : operand(e.operand, LEVEL.NOT)}`;
      const inner = operand(e.operand, LEVEL.UNARY);
      // `- -x`, never `--x` (a comment).
      return inner.startsWith('-') || inner.startsWith('+') ? `${e.op} ${inner}` : `${e.op}${inner}`;
    }
    case 'FunctionCall': return formatCall(e);
    case 'CastExpr': return `${e.safe ? 'TRY_CAST' : 'CAST'}(${formatExpr(e.operand)} AS ${formatType(e.type)})`;
    case 'CaseExpr': {
      const parts = ['CASE'];
      if (e.operand) parts.push(formatExpr(e.operand));
      for (const w of e.whens) parts.push(`WHEN ${formatExpr(w.when)} THEN ${formatExpr(w.then)}`);
      if (e.else) parts.push(`ELSE ${formatExpr(e.else)}`);
      parts.push('END');
      return parts.join(' ');
    }
    case 'BetweenExpr':
      return `${operand(e.operand, LEVEL.COMPARE)} ${e.negated ? 'NOT ' : ''}BETWEEN ${e.symmetric ? 'SYMMETRIC ' : ''}`
        + `${operand(e.low, LEVEL.CONCAT)} AND ${operand(e.high, LEVEL.CONCAT)}`;
    case 'InListExpr': return `${operand(e.operand, LEVEL.COMPARE)} ${e.negated ? 'NOT ' : ''}IN (${list(e.list)})`;
    case 'InSubqueryExpr': return e.quantifier
      ? `${operand(e.operand, LEVEL.CONCAT)} ${e.quantifier.op} ${e.quantifier.kind} (${formatQuery(e.query)})`
      : `${operand(e.operand, LEVEL.COMPARE)} ${e.negated ? 'NOT ' : ''}IN (${formatQuery(e.query)})`;
    case 'ExistsExpr': return `${e.negated ? 'NOT ' : ''}EXISTS (${formatQuery(e.query)})`;
    case 'ScalarSubquery': return `(${formatQuery(e.query)})`;
    case 'LikeExpr':
      return `${operand(e.operand, LEVEL.COMPARE)} ${e.negated ? 'NOT ' : ''}${e.similar ? 'SIMILAR TO' : 'LIKE'} ${operand(e.pattern, LEVEL.CONCAT)}`
        + (e.escape ? ` ESCAPE ${operand(e.escape, LEVEL.CONCAT)}` : '');
    case 'IsExpr': return `${operand(e.operand, LEVEL.COMPARE)} IS ${e.negated ? 'NOT ' : ''}${e.test}`;
    case 'ExtractExpr': return `EXTRACT(${e.unit} FROM ${formatExpr(e.operand)})`;
    case 'FloorCeilToExpr': return `${e.fn}(${formatExpr(e.operand)} TO ${e.unit})`;
    case 'PositionExpr': return `POSITION(${operand(e.needle, LEVEL.CONCAT)} IN ${formatExpr(e.haystack)})`;
    case 'TrimExpr':
      if (e.side === 'BOTH' && !e.chars) return `TRIM(${formatExpr(e.operand)})`;
      return `TRIM(${e.side} ${e.chars ? `${formatExpr(e.chars)} ` : ''}FROM ${formatExpr(e.operand)})`;
    case 'SubstringExpr':
      return `SUBSTRING(${formatExpr(e.operand)} FROM ${formatExpr(e.start)}${e.length ? ` FOR ${formatExpr(e.length)}` : ''})`;
    case 'TimestampAddExpr': return `${e.fn}(${e.unit}, ${formatExpr(e.args[0])}, ${formatExpr(e.args[1])})`;
    case 'JsonCall': return formatJson(e);
    case 'OverExpr': {
      const w = e.window;
      const bare = w.ref && w.partitionBy.length === 0 && w.orderBy.length === 0 && !w.frame;
      return `${formatCall(e.call)} OVER ${bare ? formatIdent(w.ref!) : formatWindowSpec(w)}`;
    }
    case 'RowConstructor': return `${e.explicit ? 'ROW' : ''}(${list(e.values)})`;
    case 'ArrayConstructor': return `ARRAY[${list(e.values)}]`;
    case 'MapConstructor': return `MAP[${e.entries.map((x) => `${formatExpr(x.key)}, ${formatExpr(x.value)}`).join(', ')}]`;
    case 'ItemAccess': return `${postfixOperand(e.operand)}[${formatExpr(e.index)}]`;
    case 'FieldAccess': return `${postfixOperand(e.operand)}.${formatWordName(e.field)}`;
    case 'TableArg': {
      const keys = e.partitionBy ? ` PARTITION BY (${e.partitionBy.map(formatIdent).join(', ')})` : '';
      return `TABLE ${formatQualifiedName(e.table)}${keys}`;
    }
    case 'DescriptorArg': return `DESCRIPTOR(${e.columns.map(formatIdent).join(', ')})`;
    case 'NamedArg': return `${formatWordName(e.name)} => ${formatExpr(e.value)}`;
  }
}

/**
 * A column before `[..]`/`.f` is parenthesised so `(a).f` does not read back as the column `a.f` (nor
 * `(array)[1]` as ARRAY[1]); a number too, so `(2).f` does not read back as the number `2.`.
 */
function postfixOperand(e: Expr): string {
  return e.kind === 'ColumnRef' || e.kind === 'Literal' ? `(${formatExpr(e)})` : operand(e, LEVEL.POSTFIX);
}

function formatCall(e: FunctionCall): string {
  const name = formatFunctionName(e.name);
  if (e.noParens) return name;
  let args: string;
  const upper = e.name.parts.length === 1 && !e.name.parts[0]!.quoted ? e.name.parts[0]!.name.toUpperCase() : '';
  const a = e.args.map((x) => formatExpr(x));
  if (upper === 'JSON_OBJECTAGG' && a.length === 2) {
    args = `KEY ${a[0]} VALUE ${a[1]}`;
  } else if (upper === 'OVERLAY' && (a.length === 3 || a.length === 4)) {
    args = `${a[0]} PLACING ${a[1]} FROM ${a[2]}${a.length === 4 ? ` FOR ${a[3]}` : ''}`;
  } else {
    args = list(e.args);
  }
  if (e.distinct) args = `DISTINCT ${args}`;
  if (e.orderBy && e.orderBy.length > 0) args += ` ${formatOrderBy(e.orderBy)}`;
  if (e.onNull) args += ` ${e.onNull} ON NULL`;
  return `${name}(${args})${e.filter ? ` FILTER (WHERE ${formatExpr(e.filter)})` : ''}`;
}

function formatJson(e: JsonCall): string {
  const parts: string[] = [];
  if (e.fn === 'JSON_OBJECT') {
    parts.push((e.entries ?? []).map((x) => `KEY ${formatExpr(x.key)} VALUE ${formatExpr(x.value)}`).join(', '));
  } else {
    parts.push(list(e.args));
  }
  if (e.returning) parts.push(`RETURNING ${formatType(e.returning)}`);
  if (e.wrapper) parts.push(`${e.wrapper} ARRAY WRAPPER`);
  if (e.onEmpty) parts.push(`${e.onEmpty.behavior}${e.onEmpty.default ? ` ${operand(e.onEmpty.default, LEVEL.CONCAT)}` : ''} ON EMPTY`);
  if (e.onError) parts.push(`${e.onError.behavior}${e.onError.default ? ` ${operand(e.onError.default, LEVEL.CONCAT)}` : ''} ON ERROR`);
  if (e.onNull) parts.push(`${e.onNull} ON NULL`);
  return `${e.fn}(${parts.filter((p) => p !== '').join(' ')})`;
}

export function formatOrderBy(items: readonly OrderItem[]): string {
  return `ORDER BY ${items.map((o) => `${formatExpr(o.expr)} ${o.direction}${o.nulls ? ` NULLS ${o.nulls}` : ''}`).join(', ')}`;
}

export function formatWindowSpec(w: WindowSpec): string {
  const parts: string[] = [];
  if (w.ref) parts.push(formatIdent(w.ref));
  if (w.partitionBy.length > 0) parts.push(`PARTITION BY ${list(w.partitionBy)}`);
  if (w.orderBy.length > 0) parts.push(formatOrderBy(w.orderBy));
  if (w.frame) {
    const f = w.frame;
    parts.push(f.end ? `${f.unit} BETWEEN ${formatBound(f.start)} AND ${formatBound(f.end)}` : `${f.unit} ${formatBound(f.start)}`);
  }
  return `(${parts.join(' ')})`;
}

function formatBound(b: FrameBound): string {
  return 'offset' in b ? `${operand(b.offset, LEVEL.CONCAT)} ${b.type}` : b.type;
}

export function formatHints(hints: readonly Hint[]): string {
  if (hints.length === 0) return '';
  const items = hints.map((h) => {
    const inner = [
      ...h.options.map((o) => `${formatString(o.key)}=${formatString(o.value)}`),
      ...h.args.map((a) => (/^[A-Za-z_][A-Za-z0-9_$]*$|^\d+$/.test(a) ? a : formatString(a))),
    ];
    return inner.length > 0 ? `${h.name}(${inner.join(', ')})` : h.name;
  });
  return `/*+ ${items.join(', ')} */`;
}

const SIMPLE_TYPES: ReadonlySet<string> = new Set([
  'INT', 'BIGINT', 'TINYINT', 'SMALLINT', 'BOOLEAN', 'FLOAT', 'DOUBLE', 'STRING', 'BYTES', 'DATE', 'DECIMAL',
  'VARCHAR', 'CHAR', 'BINARY', 'VARBINARY', 'TIME', 'TIMESTAMP', 'TIMESTAMP_LTZ', 'NULL',
]);

export function formatType(t: TypeSpec): string {
  let s: string;
  const params = t.params.length > 0 ? `(${t.params.join(', ')})` : '';
  if (SIMPLE_TYPES.has(t.name)) {
    s = `${t.name}${params}`;
  } else if (t.name === 'ARRAY' || t.name === 'MULTISET') {
    s = `${t.name}<${formatType(t.elementTypes[0]!)}>`;
  } else if (t.name === 'MAP') {
    s = `MAP<${formatType(t.elementTypes[0]!)}, ${formatType(t.elementTypes[1]!)}>`;
  } else if (t.name === 'ROW') {
    s = `ROW<${t.fields.map((f) => `${formatIdent(f.name)} ${formatType(f.type)}${f.comment !== undefined ? ` ${formatString(f.comment)}` : ''}`).join(', ')}>`;
  } else if (t.name === 'INTERVAL') {
    const [lead, frac] = t.params;
    const unit = `${t.intervalUnit}${lead !== undefined ? `(${t.intervalToUnit ? lead : t.params.join(', ')})` : ''}`;
    s = `INTERVAL ${unit}${t.intervalToUnit ? ` TO ${t.intervalToUnit}${frac !== undefined ? `(${frac})` : ''}` : ''}`;
  } else {
    s = `${t.name}${params}`;
  }
  return t.nullable ? s : `${s} NOT NULL`;
}
