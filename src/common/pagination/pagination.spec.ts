import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, PageQueryDto, toPage } from './pagination';

describe(PageQueryDto.name, () => {
  const check = (query: Record<string, string>) =>
    validateSync(plainToInstance(PageQueryDto, query)).flatMap((e) => Object.keys(e.constraints ?? {}));

  it('should default to 25 items', () => {
    expect(plainToInstance(PageQueryDto, {}).limit).toBe(25);
  });

  it('should refuse a page larger than the maximum', () => {
    expect(check({ limit: String(MAX_PAGE_SIZE + 1) })).toEqual(['max']);
    expect(check({ limit: String(MAX_PAGE_SIZE) })).toEqual([]);
  });

  it('should refuse a cursor that is not base64url', () => {
    expect(check({ cursor: 'a b;c' })).toEqual(['matches']);
  });
});

describe(toPage.name, () => {
  const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, at: n }));

  it('should return a cursor for the last item when more rows follow', () => {
    const page = toPage(
      rows,
      2,
      (r) => [r.at, r.id],
      (r) => r.id,
    );
    expect(page.items).toEqual(['id1', 'id2']);
    expect(decodeCursor(page.nextCursor!)).toEqual([2, 'id2']);
  });

  it('should return no cursor on the last page', () => {
    expect(
      toPage(
        rows,
        3,
        (r) => [r.at],
        (r) => r.id,
      ).nextCursor,
    ).toBeUndefined();
  });
});

describe(decodeCursor.name, () => {
  it('should round-trip a key and reject garbage', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01', 7]))).toEqual(['2026-01-01', 7]);
    expect(decodeCursor('bm90IGpzb24')).toBeUndefined();
    expect(decodeCursor(encodeCursor([{ a: 1 } as never]))).toBeUndefined();
  });
});
