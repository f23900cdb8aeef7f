// Splits one line into fields by RFC 4180 (quoted fields, doubled quotes); a quoted field may not span lines.
import { InputFormatError } from '../../core/errors.ts';
import type { CsvDialect } from './csv-options.ts';

export function parseCsvLine(line: string, dialect: CsvDialect, source: string, lineNumber: number): string[] {
  const { delimiter, quote } = dialect;
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === quote) {
      const open = i;
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = line.indexOf(quote, from);
        if (q === -1) throw new InputFormatError(source, lineNumber, `unterminated quoted field starting at column ${open + 1}`);
        if (line[q + 1] === quote) {
          value += line.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += line.slice(from, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line[i] !== delimiter) {
        throw new InputFormatError(source, lineNumber, `unexpected character '${line[i]}' after the closing quote at column ${i + 1}`);
      }
      i++;
    } else {
      // Lenient like most readers: a quote inside an unquoted field is kept as it is.
      const d = line.indexOf(delimiter, i);
      if (d === -1) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, d));
      i = d + 1;
    }
  }
}
