export interface PersonName {
  givenName: string;
  familyName?: string | null;
  fatherName?: string | null;
  motherName?: string | null;
  /** The name in Arabic script, where known, e.g. 'محمد الحسن'. */
  nameArabic?: string | null;
}

/** One search token; `keys` are its alternatives, strongest first (`x:`, then `f:`, then `s:`). */
export interface QueryToken {
  text: string;
  keys: string[];
}

export interface NameQuery {
  tokens: QueryToken[];
}

export type NameMatchReason =
  /** The tokens match after normalisation (case, diacritics, Turkish letters, prefixes). */
  | 'name_exact'
  /** Matched through a spelling family (Mohammed/Muhammad/Mehmet). */
  | 'name_variant'
  /** Matched only through the consonant skeleton. */
  | 'name_phonetic'
  /** Given and family name in the other order. */
  | 'names_swapped'
  /** Matched through the Arabic-script name. */
  | 'arabic_script'
  /** A query token matched the father's or mother's name. */
  | 'father_name';

export interface NameMatch {
  /** 0..1, 1 = perfect. */
  score: number;
  reasons: NameMatchReason[];
}
