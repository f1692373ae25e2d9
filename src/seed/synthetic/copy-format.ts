/**
 * PostgreSQL `COPY ... FROM STDIN` text format: one line per row, columns separated by tabs, `\N`
 * for NULL, and backslash escapes for backslash, tab, newline and carriage return. Arrays are
 * written as array literals (`{a,"b c"}`), which are then escaped like any other text.
 */

export type CopyValue = string | number | boolean | null | readonly string[];

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function escapeCopyText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}

/** Elements that must be double-quoted inside an array literal. */
const NEEDS_QUOTES = /[{}",\\\s]/;

/** `{a,b}` for text[]; elements with separators, quotes, spaces or the word NULL are quoted. */
export function arrayLiteral(values: readonly string[]): string {
  const items = values.map((v) =>
    v === '' || NEEDS_QUOTES.test(v) || v.toUpperCase() === 'NULL'
      ? `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`
      : v,
  );
  return `{${items.join(',')}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return escapeCopyText(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeCopyText(arrayLiteral(value));
}

/** Rows of one table for one batch, already in COPY text, with the statement that loads them. */
export class CopyBuffer {
  private lines: string[] = [];

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  get size(): number {
    return this.lines.length;
  }

  add(values: readonly CopyValue[]): void {
    if (values.length !== this.columns.length) {
      throw new RangeError(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    }
    let line = copyField(values[0]);
    for (let i = 1; i < values.length; i++) line += '\t' + copyField(values[i]);
    this.lines.push(line);
  }

  statement(): string {
    return `COPY "${this.table}" (${this.columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  }

  /** The buffered rows as one COPY payload, and empties the buffer. */
  take(): string {
    const payload = this.lines.length ? `${this.lines.join('\n')}\n` : '';
    this.lines = [];
    return payload;
  }
}
