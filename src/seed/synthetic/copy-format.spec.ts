import { arrayLiteral, copyField, CopyBuffer, escapeCopyText } from './copy-format';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return', () => {
    expect(escapeCopyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(escapeCopyText('Al-Hassan محمد')).toBe('Al-Hassan محمد');
  });

  it('writes NULL as \\N and booleans as t/f', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
    expect(copyField(12)).toBe('12');
  });

  it('quotes array elements with separators, quotes, spaces, or the word NULL', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral(['x:hasan', 's:hsn', 'x:محمد'])).toBe('{x:hasan,s:hsn,x:محمد}');
    expect(arrayLiteral(['a b', 'c,d', 'e"f', 'null', ''])).toBe('{"a b","c,d","e\\"f","null",""}');
  });

  it('escapes an array literal again for COPY', () => {
    expect(copyField(['a\\b'])).toBe('{"a\\\\\\\\b"}');
  });

  it('buffers rows as tab-separated lines and empties on take', () => {
    const buffer = new CopyBuffer('t', ['a', 'b']);
    buffer.add(['x', null]);
    buffer.add(['y', ['1', '2']]);
    expect(buffer.statement()).toBe('COPY "t" ("a", "b") FROM STDIN');
    expect(buffer.take()).toBe('x\t\\N\ny\t{1,2}\n');
    expect(buffer.size).toBe(0);
    expect(buffer.take()).toBe('');
  });

  it('refuses a row with the wrong number of values', () => {
    expect(() => new CopyBuffer('t', ['a', 'b']).add(['x'])).toThrow(RangeError);
  });
});
