import { FAMILY_COUNT } from './family-lookup';
import { NAME_FAMILIES } from './name-families';
import { nameKeysOf } from './name-matching';

describe('spelling families table', () => {
  it('covers well over a hundred names', () => {
    expect(FAMILY_COUNT).toBe(NAME_FAMILIES.length);
    expect(FAMILY_COUNT).toBeGreaterThanOrEqual(120);
  });

  it('has unique lowercase ASCII ids', () => {
    const ids = NAME_FAMILIES.map((f) => f.canonical);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+$/);
  });

  // Building the lookup throws when two families claim the same (folded) spelling, so importing
  // the module at all proves there is no overlap; this checks that every entry lands in its family.
  const latin = NAME_FAMILIES.flatMap((f) => f.variants.map((v): [string, string] => [v, f.canonical]));
  it.each(latin)('%s is in family %s', (variant, canonical) => {
    expect(nameKeysOf({ givenName: variant })).toContain(`f:${canonical}`);
  });

  const arabic = NAME_FAMILIES.flatMap((f) =>
    (f.arabic ?? []).map((a): [string, string] => [a, f.canonical]),
  );
  it.each(arabic)('%s is in family %s', (spelling, canonical) => {
    expect(nameKeysOf({ givenName: spelling })).toContain(`f:${canonical}`);
  });

  it.each([
    ['Abdülkadir', 'f:abdqadir'],
    ['Abd al-Qadir', 'f:abdqadir'],
    ['Abdelkader', 'f:abdqadir'],
    ['عبد القادر', 'f:abdqadir'],
    ['Abdulkerim', 'f:abdkarim'],
    ['Abdul Karim', 'f:abdkarim'],
    ['Abdurrahim', 'f:abdrahim'],
    ['Abdulmecit', 'f:abdmajid'],
    ['Abdulmajid', 'f:abdmajid'],
    ['Abdussalam', 'f:abdsalam'],
    ['Abdel Salam', 'f:abdsalam'],
    ['Abdulvahap', 'f:abdwahhab'],
    ['Abdul Wahab', 'f:abdwahhab'],
    ['Abdullatif', 'f:abdlatif'],
    ['Abdulatif', 'f:abdlatif'],
    ['Abdulaziz', 'f:abdaziz'],
    ['Ebubekir', 'f:abubakr'],
    ['Abu Bakr', 'f:abubakr'],
    ['أبو بكر', 'f:abubakr'],
    ['Abulfazl', 'f:abufadl'],
    ['Abolfazl', 'f:abufadl'],
    ['Nurettin', 'f:nuraddin'],
    ['Nureddin', 'f:nuraddin'],
    ['نور الدين', 'f:nuraddin'],
    ['Necmettin', 'f:najmaddin'],
    ['Şemsettin', 'f:shamsaddin'],
    ['Bahattin', 'f:bahaaddin'],
    ['Baha al-Din', 'f:bahaaddin'],
    ['Sadettin', 'f:saadaddin'],
    ['Alaattin', 'f:alaaaddin'],
    ['Hayrettin', 'f:khayraddin'],
    ['Kheireddine', 'f:khayraddin'],
    ['Habibullah', 'f:habibullah'],
    ['Habib Ullah', 'f:habibullah'],
    ['حبيب الله', 'f:habibullah'],
    ['Nasrallah', 'f:nasrullah'],
    ['Nurullah', 'f:nurullah'],
    ['Rahmatullah', 'f:rahmatullah'],
    ['Ezatullah', 'f:izzatullah'],
  ])('%s takes the compound family %s from its named part', (name, key) => {
    expect(nameKeysOf({ givenName: name })).toContain(key);
  });
});
