// The typed AST of Weir's Flink SQL dialect: immutable objects tagged with `kind`, each carrying
// the position where it starts in the statement text. The parser builds them, the printer turns
// them back into SQL, the planner validates them.

/** 1-based line and column of the first character of a node. */
export interface Pos {
  readonly line: number;
  readonly column: number;
}

/** An identifier: unquoted ones are compared case-insensitively, back-quoted ones exactly. */
export interface Ident {
  readonly kind: 'Ident';
  readonly pos: Pos;
  readonly name: string;
  readonly quoted: boolean;
}

/** `a`, `db.t`, `cat.db.t` (tables) or `t.col` (columns). */
export interface QualifiedName {
  readonly kind: 'QualifiedName';
  readonly pos: Pos;
  readonly parts: readonly Ident[];
}

/** `'key' = 'value'` in WITH (...), SET, ALTER TABLE SET and OPTIONS hints. */
export interface Property {
  readonly key: string;
  readonly value: string;
  readonly pos: Pos;
}

/** `/*+ NAME('k'='v') *\/` or `/*+ NAME(a, b) *\/` after a table reference or SELECT. */
export interface Hint {
  readonly kind: 'Hint';
  readonly pos: Pos;
  readonly name: string;
  readonly options: readonly Property[];
  readonly args: readonly string[];
}

// ---- data types as written ----

export interface TypeSpec {
  readonly kind: 'TypeSpec';
  readonly pos: Pos;
  /** Upper-case canonical name: INT (also INTEGER), BIGINT, DECIMAL (also DEC, NUMERIC), STRING, VARCHAR, CHAR,
   * BOOLEAN, TINYINT, SMALLINT, FLOAT, DOUBLE (also DOUBLE PRECISION), DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ
   * (also TIMESTAMP WITH LOCAL TIME ZONE), BYTES, BINARY, VARBINARY, ARRAY, MAP, MULTISET, ROW,
   * INTERVAL (with `intervalUnit`/`intervalToUnit`), RAW. */
  readonly name: string;
  /** Numbers in parentheses: VARCHAR(10), DECIMAL(10, 2), TIMESTAMP(3). */
  readonly params: readonly number[];
  /** ARRAY<T>, MULTISET<T>, MAP<K, V>. */
  readonly elementTypes: readonly TypeSpec[];
  /** ROW<a INT, b STRING> / ROW(a INT, b STRING). */
  readonly fields: readonly { readonly name: Ident; readonly type: TypeSpec; readonly comment?: string }[];
  readonly nullable: boolean;
  readonly intervalUnit?: TimeUnit;
  readonly intervalToUnit?: TimeUnit;
}

export type TimeUnit =
  | 'MILLENNIUM' | 'CENTURY' | 'DECADE' | 'YEAR' | 'QUARTER' | 'MONTH' | 'WEEK' | 'DAY' | 'HOUR'
  | 'MINUTE' | 'SECOND' | 'MILLISECOND' | 'MICROSECOND' | 'NANOSECOND' | 'DOW' | 'DOY' | 'EPOCH';

// ---- expressions ----

export type Expr =
  | Literal | IntervalLiteral | ColumnRef | Star | Param
  | BinaryExpr | UnaryExpr | FunctionCall | CastExpr | CaseExpr
  | BetweenExpr | InListExpr | InSubqueryExpr | ExistsExpr | ScalarSubquery
  | LikeExpr | IsExpr | ExtractExpr | FloorCeilToExpr | PositionExpr | TrimExpr | SubstringExpr
  | OverExpr | RowConstructor | ArrayConstructor | MapConstructor | ItemAccess | FieldAccess
  | TableArg | DescriptorArg | NamedArg | TimestampAddExpr | JsonCall;

export interface Literal {
  readonly kind: 'Literal';
  readonly pos: Pos;
  /** numeric: the literal's text ("12", "1.50", "1e3"); the planner types it (INT/BIGINT/DECIMAL/DOUBLE). */
  readonly type: 'numeric' | 'string' | 'boolean' | 'null' | 'date' | 'time' | 'timestamp' | 'binary';
  readonly value: string | boolean | null;
}

/** `INTERVAL '10' SECOND`, `INTERVAL '1 02:03' DAY TO MINUTE`, `INTERVAL '5' MINUTE(3)`. */
export interface IntervalLiteral {
  readonly kind: 'IntervalLiteral';
  readonly pos: Pos;
  readonly value: string;
  readonly negative: boolean;
  readonly unit: TimeUnit;
  readonly toUnit?: TimeUnit;
}

/** `col`, `t.col`, `t.col.nestedField`. */
export interface ColumnRef {
  readonly kind: 'ColumnRef';
  readonly pos: Pos;
  readonly name: QualifiedName;
}

/** `*` or `t.*` in a select list or COUNT(*). */
export interface Star {
  readonly kind: 'Star';
  readonly pos: Pos;
  readonly qualifier?: QualifiedName;
}

/** `?` (reserved for prepared statements; rejected by the planner). */
export interface Param {
  readonly kind: 'Param';
  readonly pos: Pos;
  readonly index: number;
}

/** Arithmetic `+ - * / %`, comparison `= <> != < <= > >=`, `AND`, `OR`, `||`, `IS [NOT] DISTINCT FROM`. */
export interface BinaryExpr {
  readonly kind: 'BinaryExpr';
  readonly pos: Pos;
  readonly op: '+' | '-' | '*' | '/' | '%' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR' | '||'
    | 'IS DISTINCT FROM' | 'IS NOT DISTINCT FROM';
  readonly left: Expr;
  readonly right: Expr;
}

export interface UnaryExpr {
  readonly kind: 'UnaryExpr';
  readonly pos: Pos;
  readonly op: '-' | '+' | 'NOT';
  readonly operand: Expr;
}

/** `f(a, b)`, `COUNT(*)`, `COUNT(DISTINCT a)`, `CURRENT_TIMESTAMP` (no parentheses: args empty, `noParens`). */
export interface FunctionCall {
  readonly kind: 'FunctionCall';
  readonly pos: Pos;
  readonly name: QualifiedName;
  readonly args: readonly Expr[];
  readonly distinct: boolean;
  readonly noParens?: boolean;
  /** `agg(x) FILTER (WHERE cond)`. */
  readonly filter?: Expr;
  /** `LISTAGG(x, ',') WITHIN GROUP (ORDER BY ...)` is not supported; JSON_ARRAYAGG(x ORDER BY ...) keeps its order. */
  readonly orderBy?: readonly OrderItem[];
  /** JSON_ARRAYAGG / JSON_OBJECT: `NULL ON NULL` | `ABSENT ON NULL`. */
  readonly onNull?: 'NULL' | 'ABSENT';
}

export interface CastExpr {
  readonly kind: 'CastExpr';
  readonly pos: Pos;
  readonly operand: Expr;
  readonly type: TypeSpec;
  /** TRY_CAST: null instead of an error. */
  readonly safe: boolean;
}

/** `CASE [operand] WHEN .. THEN .. [ELSE ..] END`. */
export interface CaseExpr {
  readonly kind: 'CaseExpr';
  readonly pos: Pos;
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
}

export interface BetweenExpr {
  readonly kind: 'BetweenExpr';
  readonly pos: Pos;
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly negated: boolean;
  readonly symmetric: boolean;
}

export interface InListExpr {
  readonly kind: 'InListExpr';
  readonly pos: Pos;
  readonly operand: Expr;
  readonly list: readonly Expr[];
  readonly negated: boolean;
}

/** `x [NOT] IN (query)`, or with `quantifier` the quantified comparison `x op ANY | SOME | ALL (query)` (negated is then false). */
export interface InSubqueryExpr {
  readonly kind: 'InSubqueryExpr';
  readonly pos: Pos;
  readonly operand: Expr;
  readonly query: Query;
  readonly negated: boolean;
  readonly quantifier?: { readonly op: '=' | '<>' | '<' | '<=' | '>' | '>='; readonly kind: 'ANY' | 'SOME' | 'ALL' };
}

export interface ExistsExpr {
  readonly kind: 'ExistsExpr';
  readonly pos: Pos;
  readonly query: Query;
  readonly negated: boolean;
}

export interface ScalarSubquery {
  readonly kind: 'ScalarSubquery';
  readonly pos: Pos;
  readonly query: Query;
}

/** `a [NOT] LIKE p [ESCAPE e]`, also `SIMILAR TO`. */
export interface LikeExpr {
  readonly kind: 'LikeExpr';
  readonly pos: Pos;
  readonly operand: Expr;
  readonly pattern: Expr;
  readonly escape?: Expr;
  readonly negated: boolean;
  readonly similar: boolean;
}

/** `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN | JSON [VALUE | OBJECT | ARRAY | SCALAR]`. */
export interface IsExpr {
  readonly kind: 'IsExpr';
  readonly pos: Pos;
  readonly operand: Expr;
  readonly test: 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN' | 'JSON' | 'JSON VALUE' | 'JSON OBJECT' | 'JSON ARRAY' | 'JSON SCALAR';
  readonly negated: boolean;
}

/** `EXTRACT(unit FROM x)`. */
export interface ExtractExpr {
  readonly kind: 'ExtractExpr';
  readonly pos: Pos;
  readonly unit: TimeUnit;
  readonly operand: Expr;
}

/** `FLOOR(ts TO HOUR)`, `CEIL(ts TO DAY)` (plain FLOOR(x)/CEIL(x) are FunctionCalls). */
export interface FloorCeilToExpr {
  readonly kind: 'FloorCeilToExpr';
  readonly pos: Pos;
  readonly fn: 'FLOOR' | 'CEIL';
  readonly operand: Expr;
  readonly unit: TimeUnit;
}

/** `POSITION(needle IN haystack)`. */
export interface PositionExpr {
  readonly kind: 'PositionExpr';
  readonly pos: Pos;
  readonly needle: Expr;
  readonly haystack: Expr;
}

/** `TRIM([BOTH|LEADING|TRAILING] [chars] FROM s)` or `TRIM(s)`. */
export interface TrimExpr {
  readonly kind: 'TrimExpr';
  readonly pos: Pos;
  readonly side: 'BOTH' | 'LEADING' | 'TRAILING';
  readonly chars?: Expr;
  readonly operand: Expr;
}

/** `SUBSTRING(s FROM start [FOR length])` (the comma form is a FunctionCall). */
export interface SubstringExpr {
  readonly kind: 'SubstringExpr';
  readonly pos: Pos;
  readonly operand: Expr;
  readonly start: Expr;
  readonly length?: Expr;
}

/** `TIMESTAMPADD(unit, n, ts)` / `TIMESTAMPDIFF(unit, a, b)`: the unit is a keyword, not an expression. */
export interface TimestampAddExpr {
  readonly kind: 'TimestampAddExpr';
  readonly pos: Pos;
  readonly fn: 'TIMESTAMPADD' | 'TIMESTAMPDIFF';
  readonly unit: TimeUnit;
  readonly args: readonly [Expr, Expr];
}

/**
 * JSON functions with keyword syntax: `JSON_VALUE(j, '$.a' [RETURNING type] [NULL|ERROR|DEFAULT x ON EMPTY]
 * [NULL|ERROR|DEFAULT x ON ERROR])`, `JSON_QUERY(j, path [WITH|WITHOUT [CONDITIONAL|UNCONDITIONAL] [ARRAY] WRAPPER] ...)`,
 * `JSON_EXISTS(j, path [TRUE|FALSE|UNKNOWN|ERROR ON ERROR])`, `JSON_OBJECT([KEY] k VALUE v, ... [NULL|ABSENT ON NULL])`.
 */
export interface JsonCall {
  readonly kind: 'JsonCall';
  readonly pos: Pos;
  readonly fn: 'JSON_VALUE' | 'JSON_QUERY' | 'JSON_EXISTS' | 'JSON_OBJECT' | 'JSON_ARRAY';
  readonly args: readonly Expr[];
  /** JSON_OBJECT: key/value pairs (args unused). */
  readonly entries?: readonly { readonly key: Expr; readonly value: Expr }[];
  readonly returning?: TypeSpec;
  readonly onEmpty?: { readonly behavior: 'NULL' | 'ERROR' | 'DEFAULT' | 'EMPTY ARRAY' | 'EMPTY OBJECT'; readonly default?: Expr };
  readonly onError?: { readonly behavior: 'NULL' | 'ERROR' | 'DEFAULT' | 'TRUE' | 'FALSE' | 'UNKNOWN' | 'EMPTY ARRAY' | 'EMPTY OBJECT'; readonly default?: Expr };
  readonly wrapper?: 'WITHOUT' | 'WITH CONDITIONAL' | 'WITH UNCONDITIONAL';
  readonly onNull?: 'NULL' | 'ABSENT';
}

/** `agg(...) OVER (PARTITION BY .. ORDER BY .. ROWS|RANGE BETWEEN ..)` or `OVER w` (a named window). */
export interface OverExpr {
  readonly kind: 'OverExpr';
  readonly pos: Pos;
  readonly call: FunctionCall;
  readonly window: WindowSpec;
}

export interface WindowSpec {
  readonly kind: 'WindowSpec';
  readonly pos: Pos;
  /** `OVER w` refers to `WINDOW w AS (...)`. */
  readonly ref?: Ident;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame?: WindowFrame;
}

export interface WindowFrame {
  readonly unit: 'ROWS' | 'RANGE';
  readonly start: FrameBound;
  /** Absent: `ROWS n PRECEDING` means BETWEEN n PRECEDING AND CURRENT ROW. */
  readonly end?: FrameBound;
}

export type FrameBound =
  | { readonly type: 'UNBOUNDED PRECEDING' | 'CURRENT ROW' | 'UNBOUNDED FOLLOWING' }
  | { readonly type: 'PRECEDING' | 'FOLLOWING'; readonly offset: Expr };

export interface RowConstructor {
  readonly kind: 'RowConstructor';
  readonly pos: Pos;
  readonly values: readonly Expr[];
  /** `ROW(a, b)` (explicit) or `(a, b)` (implicit). */
  readonly explicit: boolean;
}

export interface ArrayConstructor {
  readonly kind: 'ArrayConstructor';
  readonly pos: Pos;
  readonly values: readonly Expr[];
}

export interface MapConstructor {
  readonly kind: 'MapConstructor';
  readonly pos: Pos;
  readonly entries: readonly { readonly key: Expr; readonly value: Expr }[];
}

/** `arr[1]`, `m['k']`. */
export interface ItemAccess {
  readonly kind: 'ItemAccess';
  readonly pos: Pos;
  readonly operand: Expr;
  readonly index: Expr;
}

/** `(expr).field` on a ROW value that is not a plain column path. */
export interface FieldAccess {
  readonly kind: 'FieldAccess';
  readonly pos: Pos;
  readonly operand: Expr;
  readonly field: Ident;
}

/** `TABLE t [PARTITION BY k | PARTITION BY (k1, k2)]` argument of a table-valued function (window TVFs; SESSION takes keys). */
export interface TableArg {
  readonly kind: 'TableArg';
  readonly pos: Pos;
  readonly table: QualifiedName;
  readonly partitionBy?: readonly Ident[];
}

/** `DESCRIPTOR(col [, col])`. */
export interface DescriptorArg {
  readonly kind: 'DescriptorArg';
  readonly pos: Pos;
  readonly columns: readonly Ident[];
}

/** `name => value` (named TVF arguments: `DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL ...`). */
export interface NamedArg {
  readonly kind: 'NamedArg';
  readonly pos: Pos;
  readonly name: Ident;
  readonly value: Expr;
}

// ---- queries ----

/** A full query: optional WITH, a body (select / set operation / VALUES / parenthesised), ORDER BY, LIMIT/OFFSET/FETCH. */
export interface Query {
  readonly kind: 'Query';
  readonly pos: Pos;
  readonly with: readonly Cte[];
  readonly body: QueryBody;
  readonly orderBy: readonly OrderItem[];
  readonly limit?: Expr;
  readonly offset?: Expr;
}

export interface Cte {
  readonly name: Ident;
  readonly columns: readonly Ident[];
  readonly query: Query;
  readonly pos: Pos;
}

export type QueryBody = Select | SetOperation | Values | Query;

export interface SelectItem {
  readonly kind: 'SelectItem';
  readonly pos: Pos;
  readonly expr: Expr;
  readonly alias?: Ident;
}

export interface Select {
  readonly kind: 'Select';
  readonly pos: Pos;
  readonly hints: readonly Hint[];
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from?: TableRef;
  readonly where?: Expr;
  readonly groupBy?: GroupBy;
  readonly having?: Expr;
  /** `WINDOW w AS (...)`. */
  readonly windows: readonly { readonly name: Ident; readonly spec: WindowSpec }[];
  /** Flink's `QUALIFY` is not in the dialect; Top-N is written as a subquery with WHERE rn <= N. */
}

export type GroupingElement =
  | { readonly type: 'expr'; readonly expr: Expr }
  | { readonly type: 'GROUPING SETS'; readonly sets: readonly (readonly Expr[])[]; readonly pos: Pos }
  | { readonly type: 'ROLLUP' | 'CUBE'; readonly exprs: readonly Expr[]; readonly pos: Pos };

export interface GroupBy {
  readonly pos: Pos;
  readonly elements: readonly GroupingElement[];
}

export interface SetOperation {
  readonly kind: 'SetOperation';
  readonly pos: Pos;
  readonly op: 'UNION' | 'INTERSECT' | 'EXCEPT';
  readonly all: boolean;
  readonly left: QueryBody;
  readonly right: QueryBody;
}

export interface Values {
  readonly kind: 'Values';
  readonly pos: Pos;
  readonly rows: readonly (readonly Expr[])[];
}

export interface OrderItem {
  readonly expr: Expr;
  readonly direction: 'ASC' | 'DESC';
  readonly nulls?: 'FIRST' | 'LAST';
  readonly pos: Pos;
}

export type TableRef = NamedTable | DerivedTable | TableFunctionRef | JoinRef | UnnestRef;

/** `t [FOR SYSTEM_TIME AS OF expr] [/*+ OPTIONS(..) *\/] [[AS] alias [(c1, c2)]]`. */
export interface NamedTable {
  readonly kind: 'NamedTable';
  readonly pos: Pos;
  readonly name: QualifiedName;
  readonly hints: readonly Hint[];
  readonly systemTimeAsOf?: Expr;
  readonly alias?: Ident;
  readonly columnAliases: readonly Ident[];
}

/** `(query) [AS] alias [(c1, ...)]`; `LATERAL (query)`. */
export interface DerivedTable {
  readonly kind: 'DerivedTable';
  readonly pos: Pos;
  readonly query: Query;
  readonly lateral: boolean;
  readonly alias?: Ident;
  readonly columnAliases: readonly Ident[];
}

/** `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))` and `LATERAL TABLE(udtf(x))`. */
export interface TableFunctionRef {
  readonly kind: 'TableFunctionRef';
  readonly pos: Pos;
  readonly call: FunctionCall;
  readonly lateral: boolean;
  readonly alias?: Ident;
  readonly columnAliases: readonly Ident[];
}

/** `CROSS JOIN UNNEST(arr) AS t (x)`. */
export interface UnnestRef {
  readonly kind: 'UnnestRef';
  readonly pos: Pos;
  readonly args: readonly Expr[];
  readonly withOrdinality: boolean;
  readonly alias?: Ident;
  readonly columnAliases: readonly Ident[];
}

export interface JoinRef {
  readonly kind: 'JoinRef';
  readonly pos: Pos;
  /** `a, b` is a CROSS join written with a comma. */
  readonly type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';
  readonly left: TableRef;
  readonly right: TableRef;
  readonly on?: Expr;
  readonly using?: readonly Ident[];
  readonly natural: boolean;
  readonly comma: boolean;
}

// ---- statements ----

export type Statement =
  | QueryStatement | InsertStatement | StatementSet
  | CreateTable | CreateTableAs | CreateView | CreateFunction | CreateCatalog | CreateDatabase
  | DropTable | DropView | DropFunction | DropCatalog | DropDatabase
  | AlterTable | ShowStatement | DescribeStatement | ShowCreate | UseStatement
  | SetStatement | ResetStatement | ExplainStatement | HelpStatement | QuitStatement;

export interface QueryStatement {
  readonly kind: 'QueryStatement';
  readonly pos: Pos;
  readonly query: Query;
}

/** `INSERT INTO|OVERWRITE t [PARTITION (k='v')] [(cols)] query`. */
export interface InsertStatement {
  readonly kind: 'InsertStatement';
  readonly pos: Pos;
  readonly overwrite: boolean;
  readonly table: QualifiedName;
  readonly hints: readonly Hint[];
  readonly staticPartition: readonly Property[];
  readonly columns: readonly Ident[];
  readonly query: Query;
}

/** `EXECUTE STATEMENT SET BEGIN insert; ... END` or `BEGIN STATEMENT SET; ... END;` (the client groups the latter). */
export interface StatementSet {
  readonly kind: 'StatementSet';
  readonly pos: Pos;
  readonly inserts: readonly InsertStatement[];
}

export type ColumnDef =
  | { readonly kind: 'PhysicalColumn'; readonly pos: Pos; readonly name: Ident; readonly type: TypeSpec; readonly comment?: string }
  | { readonly kind: 'ComputedColumn'; readonly pos: Pos; readonly name: Ident; readonly expr: Expr; readonly comment?: string }
  /** `name TYPE METADATA [FROM 'key'] [VIRTUAL]`. */
  | { readonly kind: 'MetadataColumn'; readonly pos: Pos; readonly name: Ident; readonly type: TypeSpec; readonly key?: string; readonly virtual: boolean; readonly comment?: string };

export interface WatermarkDef {
  readonly pos: Pos;
  readonly column: Ident;
  readonly expr: Expr;
}

export interface CreateTable {
  readonly kind: 'CreateTable';
  readonly pos: Pos;
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly columns: readonly ColumnDef[];
  readonly watermark?: WatermarkDef;
  /** `PRIMARY KEY (a, b) NOT ENFORCED` inline on a column or as a table constraint. */
  readonly primaryKey?: { readonly columns: readonly Ident[]; readonly pos: Pos; readonly constraintName?: Ident };
  readonly comment?: string;
  readonly partitionedBy: readonly Ident[];
  readonly options: readonly Property[];
  /** `LIKE other (INCLUDING ALL ...)` is not supported. */
}

/** `CREATE TABLE t WITH (...) AS SELECT ...`. */
export interface CreateTableAs {
  readonly kind: 'CreateTableAs';
  readonly pos: Pos;
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly options: readonly Property[];
  readonly query: Query;
}

export interface CreateView {
  readonly kind: 'CreateView';
  readonly pos: Pos;
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly columns: readonly Ident[];
  readonly query: Query;
  /** The query's text as written, kept for SHOW CREATE VIEW. */
  readonly queryText: string;
  readonly comment?: string;
}

/** `CREATE [TEMPORARY|TEMPORARY SYSTEM] FUNCTION [IF NOT EXISTS] f AS 'module#export' [LANGUAGE TYPESCRIPT|JAVASCRIPT]`. */
export interface CreateFunction {
  readonly kind: 'CreateFunction';
  readonly pos: Pos;
  readonly temporary: boolean;
  readonly system: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly className: string;
  readonly language?: string;
}

export interface CreateCatalog {
  readonly kind: 'CreateCatalog';
  readonly pos: Pos;
  readonly name: Ident;
  readonly options: readonly Property[];
}

export interface CreateDatabase {
  readonly kind: 'CreateDatabase';
  readonly pos: Pos;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly comment?: string;
}

interface DropBase { readonly pos: Pos; readonly ifExists: boolean; readonly name: QualifiedName }
export interface DropTable extends DropBase { readonly kind: 'DropTable'; readonly temporary: boolean }
export interface DropView extends DropBase { readonly kind: 'DropView'; readonly temporary: boolean }
export interface DropFunction extends DropBase { readonly kind: 'DropFunction'; readonly temporary: boolean; readonly system: boolean }
export interface DropCatalog extends DropBase { readonly kind: 'DropCatalog' }
export interface DropDatabase extends DropBase { readonly kind: 'DropDatabase'; readonly cascade: boolean }

/** `ALTER TABLE t SET ('k' = 'v')`, `ALTER TABLE t RESET ('k')`, `ALTER TABLE t RENAME TO u`. */
export interface AlterTable {
  readonly kind: 'AlterTable';
  readonly pos: Pos;
  readonly ifExists: boolean;
  readonly name: QualifiedName;
  readonly action:
    | { readonly type: 'SET'; readonly options: readonly Property[] }
    | { readonly type: 'RESET'; readonly keys: readonly string[] }
    | { readonly type: 'RENAME'; readonly newName: QualifiedName };
}

/** `SHOW TABLES|VIEWS|FUNCTIONS|USER FUNCTIONS|CATALOGS|DATABASES|CURRENT CATALOG|CURRENT DATABASE|JOBS|MODULES [FROM db] [[NOT] LIKE 'p']`. */
export interface ShowStatement {
  readonly kind: 'ShowStatement';
  readonly pos: Pos;
  readonly what: 'TABLES' | 'VIEWS' | 'FUNCTIONS' | 'USER FUNCTIONS' | 'CATALOGS' | 'DATABASES' | 'CURRENT CATALOG' | 'CURRENT DATABASE' | 'JOBS' | 'MODULES' | 'COLUMNS';
  readonly from?: QualifiedName;
  readonly like?: { readonly pattern: string; readonly negated: boolean; readonly ilike: boolean };
}

/** `DESCRIBE t` / `DESC t`. */
export interface DescribeStatement {
  readonly kind: 'DescribeStatement';
  readonly pos: Pos;
  readonly name: QualifiedName;
  readonly extended: boolean;
}

/** `SHOW CREATE TABLE t` / `SHOW CREATE VIEW v`. */
export interface ShowCreate {
  readonly kind: 'ShowCreate';
  readonly pos: Pos;
  readonly what: 'TABLE' | 'VIEW';
  readonly name: QualifiedName;
}

/** `USE db`, `USE cat.db`, `USE CATALOG cat`. */
export interface UseStatement {
  readonly kind: 'UseStatement';
  readonly pos: Pos;
  readonly catalog: boolean;
  readonly name: QualifiedName;
}

/** `SET 'k' = 'v'` (also unquoted `SET k = v`) or `SET` (list all). */
export interface SetStatement {
  readonly kind: 'SetStatement';
  readonly pos: Pos;
  readonly key?: string;
  readonly value?: string;
}

/** `RESET 'k'` or `RESET` (all). */
export interface ResetStatement {
  readonly kind: 'ResetStatement';
  readonly pos: Pos;
  readonly key?: string;
}

/** `EXPLAIN [PLAN FOR] [ESTIMATED_COST, CHANGELOG_MODE, JSON_EXECUTION_PLAN, PLAN_ADVICE] stmt`. */
export interface ExplainStatement {
  readonly kind: 'ExplainStatement';
  readonly pos: Pos;
  readonly details: readonly string[];
  readonly statement: QueryStatement | InsertStatement | StatementSet;
}

/** SQL client commands that are also statements: `HELP`, `QUIT` / `EXIT`. */
export interface HelpStatement { readonly kind: 'HelpStatement'; readonly pos: Pos }
export interface QuitStatement { readonly kind: 'QuitStatement'; readonly pos: Pos }

/** Every node kind, for visitors that must handle all of them. */
export type Node = Expr | Statement | Query | QueryBody | TableRef | SelectItem | TypeSpec | Ident | QualifiedName | Hint | WindowSpec;
