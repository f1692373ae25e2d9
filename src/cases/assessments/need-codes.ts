/**
 * Coded needs of a needs assessment: what a caseworker finds missing in a person's or household's
 * life, and how badly. The codes feed the vulnerability score, internal referrals and the "areas of
 * need" report, so they are stable snake_case values. Add, never rename.
 */
export enum NeedCode {
  /** Not enough food, or not enough of the right food (infants, special diets). */
  Food = 'food',
  /** No safe, adequate housing: homelessness, overcrowding, eviction, unpaid rent. */
  Shelter = 'shelter',
  /** Household goods: bedding, heating, kitchen items, clothing, hygiene kits. */
  NonFoodItems = 'non_food_items',
  /** Access to medical care, medicines, treatment of an illness or injury. */
  HealthCare = 'health_care',
  /** A mental health condition that needs clinical care (psychiatry, psychotherapy). */
  MentalHealth = 'mental_health',
  /** Aids, rehabilitation, accessible housing and services for a person with a disability. */
  DisabilitySupport = 'disability_support',
  /** A risk to safety or rights: threats, exploitation, detention, refoulement. */
  Protection = 'protection',
  /** A child at risk of abuse, neglect, exploitation or separation from carers. */
  ChildProtection = 'child_protection',
  /** Gender-based violence, past or ongoing: safety, case management, referral. */
  GenderBasedViolence = 'gender_based_violence',
  /** Civil documents missing: birth or marriage registration, identity papers, translations. */
  LegalDocumentation = 'legal_documentation',
  /** Residence status at risk or unresolved: registration, asylum procedure, permit renewal. */
  LegalStatus = 'legal_status',
  /** School enrolment, attendance, catch-up classes for children and young people. */
  Education = 'education',
  /** Income, work permit, job placement, vocational training. */
  Livelihood = 'livelihood',
  /** Language courses; communication with services without an interpreter. */
  Language = 'language',
  /** Psychosocial support that is not clinical: groups, counselling, recreational activities. */
  PsychosocialSupport = 'psychosocial_support',
  /** Tracing of or reunification with family members left behind or separated in flight. */
  FamilyReunification = 'family_reunification',
  /** Water, sanitation and hygiene: safe water, a usable toilet and washing facilities. */
  Wash = 'wash',
}

/** How severe an assessed need is. Stored as the code; its rank orders severities. */
export enum NeedSeverity {
  /** Assessed and found met: recorded so that the assessment shows it was asked. */
  None = 'none',
  /** Some difficulty, managed by the person or household with minor help. */
  Mild = 'mild',
  /** Not met without help; no immediate harm. */
  Moderate = 'moderate',
  /** Not met, with harm to health, safety or dignity if it stays so. */
  Severe = 'severe',
  /** Life, safety or liberty at immediate risk: act now. */
  Extreme = 'extreme',
}

/** The rank of each severity, 0 (none) to 4 (extreme): a higher rank is more severe. */
export const NEED_SEVERITY_RANK: Readonly<Record<NeedSeverity, number>> = {
  [NeedSeverity.None]: 0,
  [NeedSeverity.Mild]: 1,
  [NeedSeverity.Moderate]: 2,
  [NeedSeverity.Severe]: 3,
  [NeedSeverity.Extreme]: 4,
};
