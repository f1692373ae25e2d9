import { faker as fakerDE } from '@faker-js/faker/locale/de';
import { LegalStatus } from '../../beneficiaries/beneficiary-codes';
import {
  AFGHAN_FAMILY,
  AFGHAN_FEMALE,
  AFGHAN_MALE,
  ARABIC_FAMILY,
  ARABIC_FEMALE,
  ARABIC_MALE,
  IRANIAN_FAMILY,
  IRANIAN_FEMALE,
  IRANIAN_MALE,
  KURDISH_FAMILY,
  KURDISH_FEMALE,
  KURDISH_MALE,
  PoolName,
  SOMALI_FAMILY,
  SOMALI_FEMALE,
  SOMALI_MALE,
  TURKISH_FAMILY,
  TURKISH_FEMALE,
  TURKISH_MALE,
  UKRAINIAN_FAMILY,
  UKRAINIAN_FEMALE,
  UKRAINIAN_MALE,
} from './name-pools';
import { Weighted, WeightedTable } from './random';

/**
 * Who the synthetic people are: nationalities in the proportions of the refugee population an
 * Istanbul association serves (mostly Syrians under temporary protection, then Afghans, Iraqis and
 * Iranians, a few Ukrainians, Somalis and members of the host community), the name culture of each
 * (Syrian and Iraqi Kurds among the Arabs), household sizes, years of arrival, and the legal status
 * each nationality can have in Turkey or in Germany.
 */

export type OriginKey =
  'arabic' | 'kurdish' | 'afghan' | 'iranian' | 'turkish' | 'ukrainian' | 'somali' | 'german';

export interface Origin {
  key: OriginKey;
  male: WeightedTable<PoolName>;
  female: WeightedTable<PoolName>;
  family: WeightedTable<PoolName>;
  /**
   * Names transliterated from another script, so registered in varying spellings. Turkish, German
   * and Ukrainian names are copied from Latin-script papers as they are.
   */
  transliterated: boolean;
  /** Share of people of this origin registered with their name in Arabic script too. */
  arabicScriptShare: number;
  /** Share of people registered without a family name (common among Afghans). */
  noFamilyName: number;
  /** Share registered with their father's and mother's given names. */
  fatherNameShare: number;
  motherNameShare: number;
  /** Share of wives registered under their husband's family name (Arab women keep their own). */
  wifeTakesFamilyName: number;
  languages: WeightedTable<readonly string[]>;
  ethnicity: WeightedTable<string | null>;
  religion: WeightedTable<string | null>;
}

const pool = (names: readonly PoolName[]) => new WeightedTable(names.map((n) => [n, n.weight] as const));
const table = <T>(entries: Weighted<T>) => new WeightedTable(entries);

const germanPool = (names: readonly string[]): WeightedTable<PoolName> =>
  pool(names.map((latin) => ({ latin, weight: 1 })));

const german = fakerDE.definitions.person;
const germanFirst = german.first_name as { male: readonly string[]; female: readonly string[] };
const germanLast = german.last_name as { generic: readonly string[] };

export const ORIGINS: Readonly<Record<OriginKey, Origin>> = {
  arabic: {
    key: 'arabic',
    transliterated: true,
    male: pool(ARABIC_MALE),
    female: pool(ARABIC_FEMALE),
    family: pool(ARABIC_FAMILY),
    arabicScriptShare: 0.36,
    noFamilyName: 0.01,
    fatherNameShare: 0.88,
    motherNameShare: 0.75,
    wifeTakesFamilyName: 0.05,
    languages: table([
      [['ar'], 55],
      [['ar', 'tr'], 30],
      [['apc'], 8],
      [['ar', 'tr', 'en'], 5],
      [['ar', 'en'], 2],
    ]),
    ethnicity: table([
      [null, 70],
      ['Arab', 27],
      ['Turkmen', 2],
      ['Circassian', 1],
    ]),
    religion: table([
      [null, 88],
      ['Muslim (Sunni)', 9],
      ['Muslim (Shia)', 1.5],
      ['Christian', 1],
      ['Druze', 0.5],
    ]),
  },
  kurdish: {
    key: 'kurdish',
    transliterated: true,
    male: pool(KURDISH_MALE),
    female: pool(KURDISH_FEMALE),
    family: pool(KURDISH_FAMILY),
    arabicScriptShare: 0.3,
    noFamilyName: 0.02,
    fatherNameShare: 0.85,
    motherNameShare: 0.7,
    wifeTakesFamilyName: 0.1,
    languages: table([
      [['kmr', 'ar'], 45],
      [['kmr'], 20],
      [['kmr', 'ar', 'tr'], 20],
      [['ckb', 'ar'], 10],
      [['ku', 'tr'], 5],
    ]),
    ethnicity: table([
      [null, 45],
      ['Kurdish', 53],
      ['Yazidi', 2],
    ]),
    religion: table([
      [null, 86],
      ['Muslim (Sunni)', 10],
      ['Yazidi', 3],
      ['Christian', 1],
    ]),
  },
  afghan: {
    key: 'afghan',
    transliterated: true,
    male: pool(AFGHAN_MALE),
    female: pool(AFGHAN_FEMALE),
    family: pool(AFGHAN_FAMILY),
    arabicScriptShare: 0.32,
    noFamilyName: 0.3,
    fatherNameShare: 0.9,
    motherNameShare: 0.55,
    wifeTakesFamilyName: 0.3,
    languages: table([
      [['prs'], 45],
      [['ps'], 20],
      [['prs', 'ps'], 15],
      [['haz', 'prs'], 12],
      [['prs', 'tr'], 8],
    ]),
    ethnicity: table([
      [null, 50],
      ['Hazara', 18],
      ['Tajik', 14],
      ['Pashtun', 12],
      ['Uzbek', 6],
    ]),
    religion: table([
      [null, 88],
      ['Muslim (Sunni)', 7],
      ['Muslim (Shia)', 5],
    ]),
  },
  iranian: {
    key: 'iranian',
    transliterated: true,
    male: pool(IRANIAN_MALE),
    female: pool(IRANIAN_FEMALE),
    family: pool(IRANIAN_FAMILY),
    arabicScriptShare: 0.3,
    noFamilyName: 0,
    fatherNameShare: 0.8,
    motherNameShare: 0.5,
    wifeTakesFamilyName: 0.05,
    languages: table([
      [['fa'], 50],
      [['fa', 'en'], 25],
      [['fa', 'tr'], 15],
      [['fa', 'az'], 10],
    ]),
    ethnicity: table([
      [null, 75],
      ['Persian', 15],
      ['Azerbaijani', 6],
      ['Baloch', 4],
    ]),
    religion: table([
      [null, 85],
      ['Muslim (Shia)', 5],
      ["Baha'i", 4],
      ['Christian', 4],
      ['None', 2],
    ]),
  },
  turkish: {
    key: 'turkish',
    transliterated: false,
    male: pool(TURKISH_MALE),
    female: pool(TURKISH_FEMALE),
    family: pool(TURKISH_FAMILY),
    arabicScriptShare: 0,
    noFamilyName: 0,
    fatherNameShare: 0.9,
    motherNameShare: 0.9,
    wifeTakesFamilyName: 0.92,
    languages: table([
      [['tr'], 85],
      [['tr', 'kmr'], 10],
      [['tr', 'en'], 5],
    ]),
    ethnicity: table([[null, 1]]),
    religion: table([[null, 1]]),
  },
  ukrainian: {
    key: 'ukrainian',
    transliterated: false,
    male: pool(UKRAINIAN_MALE),
    female: pool(UKRAINIAN_FEMALE),
    family: pool(UKRAINIAN_FAMILY),
    arabicScriptShare: 0,
    noFamilyName: 0,
    fatherNameShare: 0.35,
    motherNameShare: 0.05,
    wifeTakesFamilyName: 0.9,
    languages: table([
      [['uk', 'ru'], 55],
      [['uk'], 25],
      [['ru'], 10],
      [['uk', 'en'], 10],
    ]),
    ethnicity: table([[null, 1]]),
    religion: table([[null, 1]]),
  },
  somali: {
    key: 'somali',
    transliterated: true,
    male: pool(SOMALI_MALE),
    female: pool(SOMALI_FEMALE),
    family: pool(SOMALI_FAMILY),
    arabicScriptShare: 0.05,
    noFamilyName: 0.05,
    fatherNameShare: 0.6,
    motherNameShare: 0.3,
    wifeTakesFamilyName: 0,
    languages: table([
      [['so'], 60],
      [['so', 'ar'], 25],
      [['so', 'en'], 15],
    ]),
    ethnicity: table([[null, 1]]),
    religion: table([[null, 1]]),
  },
  german: {
    key: 'german',
    transliterated: false,
    male: germanPool(germanFirst.male),
    female: germanPool(germanFirst.female),
    family: germanPool(germanLast.generic),
    arabicScriptShare: 0,
    noFamilyName: 0,
    fatherNameShare: 0.05,
    motherNameShare: 0.02,
    wifeTakesFamilyName: 0.7,
    languages: table([
      [['de'], 80],
      [['de', 'en'], 20],
    ]),
    ethnicity: table([[null, 1]]),
    religion: table([[null, 1]]),
  },
};

export interface Nationality {
  code: string;
  origins: WeightedTable<OriginKey>;
  householdSize: WeightedTable<number>;
  /** Year of arrival in the host country, by weight; empty for the host community. */
  arrivalYears: Weighted<number>;
  /** Legal status in Turkey and in Germany. */
  legalStatusTR: WeightedTable<LegalStatus>;
  legalStatusDE: WeightedTable<LegalStatus>;
  /** Share of single-person households that are men. */
  singleMaleShare: number;
  /** Share of family households headed by a woman without a spouse. */
  singleMotherShare: number;
}

const LS = LegalStatus;

/** Syrian families in Turkey average about five people; one in ten registers alone. */
const LARGE_FAMILIES = table([
  [1, 9],
  [2, 8],
  [3, 12],
  [4, 16],
  [5, 17],
  [6, 14],
  [7, 10],
  [8, 7],
  [9, 4],
  [10, 2],
  [11, 1],
]);

const TR_ASYLUM = table([
  [LS.InternationalProtectionApplicant, 55],
  [LS.ConditionalRefugee, 12],
  [LS.ResidencePermit, 20],
  [LS.HumanitarianResidence, 5],
  [LS.Undocumented, 8],
]);

const DE_ASYLUM = table([
  [LS.AsylumSeeker, 30],
  [LS.RecognisedRefugee, 25],
  [LS.SubsidiaryProtection, 15],
  [LS.ToleratedStay, 20],
  [LS.ResidencePermit, 10],
]);

const years = (entries: Record<number, number>): Weighted<number> =>
  Object.entries(entries).map(([year, weight]) => [Number(year), weight] as const);

const nationality = (n: Nationality) => n;

export const NATIONALITIES: Readonly<Record<string, Nationality>> = {
  SY: nationality({
    code: 'SY',
    origins: table([
      ['arabic', 84],
      ['kurdish', 15],
      ['turkish', 1],
    ]),
    householdSize: LARGE_FAMILIES,
    arrivalYears: years({
      2012: 3,
      2013: 10,
      2014: 18,
      2015: 20,
      2016: 14,
      2017: 10,
      2018: 8,
      2019: 6,
      2020: 3,
      2021: 3,
      2022: 2,
      2023: 1,
      2024: 1,
    }),
    legalStatusTR: table([
      [LS.TemporaryProtection, 94],
      [LS.ResidencePermit, 3],
      [LS.Undocumented, 3],
    ]),
    legalStatusDE: table([
      [LS.SubsidiaryProtection, 45],
      [LS.RecognisedRefugee, 35],
      [LS.AsylumSeeker, 8],
      [LS.ResidencePermit, 12],
    ]),
    singleMaleShare: 0.7,
    singleMotherShare: 0.18,
  }),
  AF: nationality({
    code: 'AF',
    origins: table([['afghan', 1]]),
    householdSize: table([
      [1, 30],
      [2, 8],
      [3, 10],
      [4, 12],
      [5, 12],
      [6, 10],
      [7, 8],
      [8, 5],
      [9, 3],
      [10, 2],
    ]),
    arrivalYears: years({
      2013: 2,
      2015: 4,
      2016: 6,
      2017: 8,
      2018: 14,
      2019: 14,
      2020: 10,
      2021: 16,
      2022: 14,
      2023: 8,
      2024: 4,
    }),
    legalStatusTR: TR_ASYLUM,
    legalStatusDE: DE_ASYLUM,
    singleMaleShare: 0.9,
    singleMotherShare: 0.12,
  }),
  IQ: nationality({
    code: 'IQ',
    origins: table([
      ['arabic', 65],
      ['kurdish', 35],
    ]),
    householdSize: table([
      [1, 12],
      [2, 10],
      [3, 14],
      [4, 18],
      [5, 18],
      [6, 13],
      [7, 8],
      [8, 5],
      [9, 2],
    ]),
    arrivalYears: years({
      2014: 20,
      2015: 20,
      2016: 15,
      2017: 12,
      2018: 10,
      2019: 9,
      2020: 5,
      2021: 5,
      2022: 4,
    }),
    legalStatusTR: TR_ASYLUM,
    legalStatusDE: DE_ASYLUM,
    singleMaleShare: 0.7,
    singleMotherShare: 0.15,
  }),
  IR: nationality({
    code: 'IR',
    origins: table([
      ['iranian', 85],
      ['kurdish', 15],
    ]),
    householdSize: table([
      [1, 35],
      [2, 20],
      [3, 20],
      [4, 15],
      [5, 7],
      [6, 3],
    ]),
    arrivalYears: years({
      2012: 5,
      2014: 8,
      2016: 10,
      2018: 12,
      2019: 12,
      2020: 10,
      2021: 10,
      2022: 15,
      2023: 12,
      2024: 6,
    }),
    legalStatusTR: TR_ASYLUM,
    legalStatusDE: DE_ASYLUM,
    singleMaleShare: 0.65,
    singleMotherShare: 0.1,
  }),
  UA: nationality({
    code: 'UA',
    origins: table([['ukrainian', 1]]),
    householdSize: table([
      [1, 30],
      [2, 30],
      [3, 25],
      [4, 12],
      [5, 3],
    ]),
    arrivalYears: years({ 2022: 70, 2023: 20, 2024: 10 }),
    legalStatusTR: table([
      [LS.ResidencePermit, 60],
      [LS.HumanitarianResidence, 40],
    ]),
    legalStatusDE: table([
      [LS.HumanitarianResidence, 90],
      [LS.ResidencePermit, 10],
    ]),
    singleMaleShare: 0.3,
    singleMotherShare: 0.65,
  }),
  SO: nationality({
    code: 'SO',
    origins: table([['somali', 1]]),
    householdSize: table([
      [1, 25],
      [2, 10],
      [3, 12],
      [4, 15],
      [5, 15],
      [6, 12],
      [7, 8],
      [8, 3],
    ]),
    arrivalYears: years({ 2015: 10, 2016: 12, 2017: 14, 2018: 16, 2019: 16, 2020: 10, 2021: 10, 2022: 12 }),
    legalStatusTR: TR_ASYLUM,
    legalStatusDE: DE_ASYLUM,
    singleMaleShare: 0.7,
    singleMotherShare: 0.25,
  }),
  PS: nationality({
    code: 'PS',
    origins: table([['arabic', 1]]),
    householdSize: LARGE_FAMILIES,
    arrivalYears: years({ 2013: 20, 2014: 25, 2015: 25, 2016: 15, 2017: 10, 2018: 5 }),
    legalStatusTR: table([
      [LS.TemporaryProtection, 85],
      [LS.ResidencePermit, 15],
    ]),
    legalStatusDE: DE_ASYLUM,
    singleMaleShare: 0.7,
    singleMotherShare: 0.18,
  }),
  YE: nationality({
    code: 'YE',
    origins: table([['arabic', 1]]),
    householdSize: LARGE_FAMILIES,
    arrivalYears: years({ 2015: 15, 2016: 20, 2017: 20, 2018: 20, 2019: 15, 2020: 10 }),
    legalStatusTR: TR_ASYLUM,
    legalStatusDE: DE_ASYLUM,
    singleMaleShare: 0.8,
    singleMotherShare: 0.1,
  }),
  /** Stateless (many Kurds from Syria) or nationality unknown. */
  XX: nationality({
    code: 'XX',
    origins: table([
      ['kurdish', 60],
      ['arabic', 40],
    ]),
    householdSize: LARGE_FAMILIES,
    arrivalYears: years({ 2013: 15, 2014: 20, 2015: 25, 2016: 15, 2017: 10, 2018: 10, 2019: 5 }),
    legalStatusTR: table([
      [LS.TemporaryProtection, 70],
      [LS.Undocumented, 20],
      [LS.Unknown, 10],
    ]),
    legalStatusDE: table([
      [LS.ToleratedStay, 50],
      [LS.AsylumSeeker, 30],
      [LS.Unknown, 20],
    ]),
    singleMaleShare: 0.7,
    singleMotherShare: 0.18,
  }),
  /** Host community in Turkey: social cohesion programmes serve them too. */
  TR: nationality({
    code: 'TR',
    origins: table([
      ['turkish', 85],
      ['kurdish', 15],
    ]),
    householdSize: table([
      [1, 15],
      [2, 15],
      [3, 20],
      [4, 25],
      [5, 15],
      [6, 10],
    ]),
    arrivalYears: [],
    legalStatusTR: table([[LS.Citizen, 1]]),
    legalStatusDE: table([[LS.ResidencePermit, 1]]),
    singleMaleShare: 0.5,
    singleMotherShare: 0.2,
  }),
  /** Host community in Germany. */
  DE: nationality({
    code: 'DE',
    origins: table([['german', 1]]),
    householdSize: table([
      [1, 40],
      [2, 25],
      [3, 15],
      [4, 15],
      [5, 5],
    ]),
    arrivalYears: [],
    legalStatusTR: table([[LS.ResidencePermit, 1]]),
    legalStatusDE: table([[LS.Citizen, 1]]),
    singleMaleShare: 0.5,
    singleMotherShare: 0.3,
  }),
};

/** Nationality of a household in Istanbul. */
export const NATIONALITY_MIX_TR = table([
  ['SY', 76],
  ['AF', 8],
  ['IQ', 5],
  ['IR', 3],
  ['TR', 3],
  ['UA', 1.5],
  ['SO', 1],
  ['PS', 1],
  ['XX', 1],
  ['YE', 0.5],
]);

/** Nationality of a household in a German town. */
export const NATIONALITY_MIX_DE = table([
  ['SY', 50],
  ['AF', 20],
  ['UA', 14],
  ['IQ', 7],
  ['IR', 3],
  ['DE', 3],
  ['SO', 2],
  ['XX', 1],
]);
