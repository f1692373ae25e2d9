/**
 * Coded values of the beneficiary registry. The API speaks these stable snake_case codes; clients
 * translate them. Add, never rename: stored rows and reports depend on them.
 */

export enum Sex {
  Female = 'female',
  Male = 'male',
  Other = 'other',
  Unknown = 'unknown',
}

/** How much of a date of birth is known. Many people know only the year, or an estimate. */
export enum BirthDatePrecision {
  Exact = 'exact',
  Year = 'year',
  Estimated = 'estimated',
}

/** Residence status in Turkey or Germany, as the person's papers show it. */
export enum LegalStatus {
  TemporaryProtection = 'temporary_protection',
  InternationalProtectionApplicant = 'international_protection_applicant',
  ConditionalRefugee = 'conditional_refugee',
  RecognisedRefugee = 'recognised_refugee',
  SubsidiaryProtection = 'subsidiary_protection',
  HumanitarianResidence = 'humanitarian_residence',
  ResidencePermit = 'residence_permit',
  AsylumSeeker = 'asylum_seeker',
  ToleratedStay = 'tolerated_stay',
  Citizen = 'citizen',
  Undocumented = 'undocumented',
  Other = 'other',
  Unknown = 'unknown',
}

/** Specific needs that make a person more vulnerable; the protection unit's screening list. */
export enum Vulnerability {
  Disability = 'disability',
  ChronicIllness = 'chronic_illness',
  SeriousMedicalCondition = 'serious_medical_condition',
  SingleParent = 'single_parent',
  UnaccompaniedChild = 'unaccompanied_child',
  SeparatedChild = 'separated_child',
  OlderPersonAtRisk = 'older_person_at_risk',
  PregnantOrLactating = 'pregnant_or_lactating',
  SurvivorOfViolence = 'survivor_of_violence',
  WomanAtRisk = 'woman_at_risk',
  ChildAtRisk = 'child_at_risk',
  ChildLabour = 'child_labour',
  EarlyMarriage = 'early_marriage',
  LegalProtectionNeed = 'legal_protection_need',
  MentalHealthCondition = 'mental_health_condition',
}

/** A household member's relationship to the head of the household. */
export enum HouseholdRelationship {
  Head = 'head',
  Spouse = 'spouse',
  Child = 'child',
  Stepchild = 'stepchild',
  Parent = 'parent',
  Sibling = 'sibling',
  Grandchild = 'grandchild',
  Grandparent = 'grandparent',
  OtherRelative = 'other_relative',
  NonRelative = 'non_relative',
}

/** Why a membership ended. */
export enum HouseholdExitReason {
  MovedToOtherHousehold = 'moved_to_other_household',
  MovedAway = 'moved_away',
  Deceased = 'deceased',
  RecordedInError = 'recorded_in_error',
  Other = 'other',
}

export enum ConsentPurpose {
  Assistance = 'assistance',
  Referral = 'referral',
  DataSharing = 'data_sharing',
  Contact = 'contact',
  Photo = 'photo',
}

/** Purposes that are given to a named organisation; the others are for the registering one. */
export const CONSENT_PURPOSES_WITH_RECIPIENT: ReadonlySet<ConsentPurpose> = new Set([
  ConsentPurpose.Referral,
  ConsentPurpose.DataSharing,
]);

export enum ConsentDecision {
  Given = 'given',
  Refused = 'refused',
}

/** The kinds of information a consent covers. */
export enum ConsentScope {
  Identity = 'identity',
  Contact = 'contact',
  Documents = 'documents',
  Household = 'household',
  CaseSummary = 'case_summary',
  Health = 'health',
  Protection = 'protection',
}
