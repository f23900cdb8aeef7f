// Name resolution: which columns a FROM clause makes visible, under which table aliases, and how a
// (possibly qualified) column name maps to a field of the row. Unquoted names match
// case-insensitively when there is no exact match; back-quoted names match exactly.
import type { LogicalType } from '../../../core/types/logical-type.ts';
import type { Ident, Pos } from '../../ast/ast.ts';
import { SqlValidationError } from '../../sql-errors.ts';

export interface ScopeField {
  readonly name: string;
  readonly type: LogicalType;
  /** Alias of the table the field comes from (undefined for unnamed derived columns). */
  readonly table?: string;
  /** Position in the row. */
  readonly index: number;
  /** The right-hand copy of a USING / NATURAL join column: only reachable qualified, not in `*`. */
  readonly hidden?: boolean;
}

export class Scope {
  readonly fields: readonly ScopeField[];

  constructor(fields: readonly ScopeField[]) {
    this.fields = fields;
  }

  /** A scope for one table (or derived table) under an alias. */
  static of(names: readonly string[], types: readonly LogicalType[], table?: string): Scope {
    return new Scope(names.map((name, index) => ({ name, type: types[index]!, table, index })));
  }

  /** The scope of `left JOIN right`: right's indexes shifted past left's. */
  static join(left: Scope, right: Scope): Scope {
    const w = left.fields.length;
    return new Scope([...left.fields, ...right.fields.map((f) => ({ ...f, index: f.index + w }))]);
  }

  get width(): number {
    return this.fields.length;
  }

  hasTable(alias: Ident): boolean {
    return this.fields.some((f) => f.table !== undefined && nameMatches(f.table, alias, true));
  }

  fieldsOfTable(alias: Ident): ScopeField[] {
    const exact = this.fields.filter((f) => f.table === alias.name);
    return exact.length || alias.quoted ? exact : this.fields.filter((f) => f.table !== undefined && f.table.toLowerCase() === alias.name.toLowerCase());
  }

  /**
   * Resolves `col` or `alias.col`; returns undefined when the name is not in this scope (the
   * caller may try an outer scope). Throws for an ambiguous column.
   */
  tryResolve(parts: readonly Ident[]): { field: ScopeField; rest: readonly Ident[] } | undefined {
    if (parts.length >= 2 && this.hasTable(parts[0]!)) {
      const inTable = this.fieldsOfTable(parts[0]!);
      const f = pick(inTable, parts[1]!, parts[1]!.pos);
      if (!f) throw new SqlValidationError(`Column '${parts[1]!.name}' not found in table '${parts[0]!.name}'`, parts[1]!.pos);
      return { field: f, rest: parts.slice(2) };
    }
    const f = pick(this.fields.filter((x) => !x.hidden), parts[0]!, parts[0]!.pos);
    return f ? { field: f, rest: parts.slice(1) } : undefined;
  }
}

function nameMatches(name: string, ident: Ident, loose: boolean): boolean {
  return name === ident.name || (loose && !ident.quoted && name.toLowerCase() === ident.name.toLowerCase());
}

function pick(fields: readonly ScopeField[], ident: Ident, pos: Pos): ScopeField | undefined {
  let found = fields.filter((f) => f.name === ident.name);
  if (found.length === 0 && !ident.quoted) found = fields.filter((f) => f.name.toLowerCase() === ident.name.toLowerCase());
  if (found.length > 1) throw new SqlValidationError(`Column '${ident.name}' is ambiguous`, pos);
  return found[0];
}

/** Makes output names unique the way Calcite does for derived tables: `a`, `a0`, `a1`, ... */
export function uniquify(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let i = 0; seen.has(name.toLowerCase()); i++) name = `${n}${i}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
