/**
 * The fields of a partial update that were sent. Optional DTO fields exist on the object as
 * `undefined` (class fields are defined with target ES2022+), and must not overwrite a record.
 */
export function definedFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<T>;
}
