import { EligibilityCriterion } from '../distribution-codes';

/*
 * A round's eligibility criteria as a pure function: no database, no Nest. An empty list (or a
 * null household size bound) sets no limit by that criterion; a person meets a list criterion when
 * they match any entry of it.
 */

/** A round's criteria, as stored (see DistributionRound). */
export interface RoundEligibility {
  eligibleVulnerabilities: readonly string[];
  minHouseholdSize: number | null;
  maxHouseholdSize: number | null;
  eligibleDistricts: readonly string[];
  eligibleLegalStatuses: readonly string[];
}

/** What the criteria ask of a person on the day of the receipt. */
export interface EligibilityFacts {
  vulnerabilities: readonly string[];
  district: string | null;
  legalStatus: string | null;
  /** Members of the person's household that day; null when they belong to none (they count as 1). */
  householdSize: number | null;
}

/** The criteria the person does not meet, in a stable order; empty when they are eligible. */
export function eligibilityProblems(
  round: RoundEligibility,
  person: EligibilityFacts,
): EligibilityCriterion[] {
  const out: EligibilityCriterion[] = [];
  if (
    round.eligibleVulnerabilities.length &&
    !person.vulnerabilities.some((v) => round.eligibleVulnerabilities.includes(v))
  ) {
    out.push(EligibilityCriterion.Vulnerability);
  }
  const size = person.householdSize ?? 1;
  if (
    (round.minHouseholdSize !== null && size < round.minHouseholdSize) ||
    (round.maxHouseholdSize !== null && size > round.maxHouseholdSize)
  ) {
    out.push(EligibilityCriterion.HouseholdSize);
  }
  if (round.eligibleDistricts.length) {
    const district = person.district === null ? null : foldDistrict(person.district);
    if (district === null || !round.eligibleDistricts.some((d) => foldDistrict(d) === district)) {
      out.push(EligibilityCriterion.District);
    }
  }
  if (
    round.eligibleLegalStatuses.length &&
    (person.legalStatus === null || !round.eligibleLegalStatuses.includes(person.legalStatus))
  ) {
    out.push(EligibilityCriterion.LegalStatus);
  }
  return out;
}

/**
 * District names are typed by hand, in Turkish or German spelling: compare them without case,
 * surrounding or repeated spaces, and without the Turkish dotted/dotless i distinction
 * ("İstanbul", "ISTANBUL", "istanbul" and "Istanbul" are one district), which plain
 * `toLowerCase()` gets wrong in both directions.
 */
export function foldDistrict(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[İIı]/g, 'i')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\u0307/g, '')
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ');
}
