/**
 * Kinds of identity document a beneficiary may hold. Stable snake_case codes: stored in rows, used in
 * reports and in duplicate detection (same type and number). Add, never rename.
 */
export enum DocumentType {
  /**
   * Turkish foreigner identity number (yabancı kimlik numarası, YKN): 11 digits starting with 99, with
   * the same two check digits as a citizen number. Issued with temporary or international protection
   * and residence permits in Turkey.
   */
  TrForeignerId = 'tr_foreigner_id',
  /** Turkish citizen identity number (T.C. kimlik no): 11 digits, first digit not 0, two check digits. */
  TrCitizenId = 'tr_citizen_id',
  /** UNHCR individual number (proGres), one per person, e.g. `123-12345678`. */
  UnhcrIndividualNumber = 'unhcr_individual_number',
  /** UNHCR case number (proGres), shared by the people registered together, e.g. `123-16C01234`. */
  UnhcrCaseNumber = 'unhcr_case_number',
  /** A passport of any country; the issuing country is recorded beside it. */
  Passport = 'passport',
  /** A national identity card or number of the country of origin (Syrian ID, Afghan tazkira, ...). */
  NationalId = 'national_id',
  /**
   * German BAMF file number (Aktenzeichen): 7 or 8 digits, a dash and the 3-digit code of the country
   * of origin, e.g. `1234567-475`.
   */
  BamfFileNumber = 'bamf_file_number',
  /** German arrival certificate (Ankunftsnachweis), issued before the asylum application is filed. */
  ArrivalCertificate = 'arrival_certificate',
  /** A residence permit card (German eAT, Turkish ikamet izni, ...). */
  ResidencePermit = 'residence_permit',
  /** Any other document; its kind is described in the record's free-text note. */
  Other = 'other',
}
