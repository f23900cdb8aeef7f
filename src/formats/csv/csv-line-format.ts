// CSV lines: string arrays, or objects named by a header row or a column schema, typed by the schema.
import { InputFormatError } from '../../core/errors.ts';
import type { LineFormat } from '../line-format.ts';
import { parseCsvLine } from './csv-line-parser.ts';
import { csvDialect, validateColumns } from './csv-options.ts';
import type { CsvColumn, CsvColumnType, CsvDialect, CsvOptions, CsvRecord, CsvValue } from './csv-options.ts';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export class CsvLineFormat<T = CsvRecord> implements LineFormat<T> {
  readonly skipEmptyLines = true;
  readonly parseHeader: ((line: string, source: string, lineNumber: number) => string[]) | undefined;
  private readonly dialect: CsvDialect;
  private readonly columns: readonly CsvColumn[] | undefined;
  private readonly types = new Map<string, CsvColumnType>();

  constructor(options: CsvOptions = {}) {
    this.dialect = csvDialect(options);
    this.columns = options.columns;
    if (this.columns) {
      validateColumns(this.columns);
      for (const c of this.columns) this.types.set(c.name, c.type);
    }
    this.parseHeader = options.header ? (line, source, lineNumber) => this.readHeader(line, source, lineNumber) : undefined;
  }

  decode(line: string, source: string, lineNumber: number, header?: readonly string[]): T {
    const fields = parseCsvLine(line, this.dialect, source, lineNumber);
    const names = header ?? this.columns?.map((c) => c.name);
    if (names === undefined) return fields as T;
    if (fields.length !== names.length) {
      const from = header ? 'the header' : 'the columns';
      throw new InputFormatError(source, lineNumber, `expected ${names.length} fields as in ${from} (${names.join(', ')}), got ${fields.length}`);
    }
    const record: Record<string, CsvValue> = {};
    for (let k = 0; k < names.length; k++) {
      const name = names[k]!;
      record[name] = this.convert(fields[k]!, this.types.get(name) ?? 'string', name, k, source, lineNumber);
    }
    return record as T;
  }

  private readHeader(line: string, source: string, lineNumber: number): string[] {
    const names = parseCsvLine(line, this.dialect, source, lineNumber);
    const duplicate = names.find((n, k) => names.indexOf(n) !== k);
    if (duplicate !== undefined) throw new InputFormatError(source, lineNumber, `header names field '${duplicate}' twice`);
    for (const c of this.columns ?? []) {
      if (!names.includes(c.name)) throw new InputFormatError(source, lineNumber, `header (${names.join(', ')}) has no column '${c.name}'`);
    }
    return names;
  }

  private convert(raw: string, type: CsvColumnType, name: string, index: number, source: string, lineNumber: number): CsvValue {
    if (type === 'string') return raw;
    const text = raw.trim();
    if (text === '') return null;
    if (type === 'number') {
      if (NUMBER.test(text)) return Number(text);
      throw new InputFormatError(source, lineNumber, `field '${name}' (column ${index + 1}): '${raw}' is not a number`);
    }
    const lower = text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw new InputFormatError(source, lineNumber, `field '${name}' (column ${index + 1}): '${raw}' is not a boolean (true or false)`);
  }
}
