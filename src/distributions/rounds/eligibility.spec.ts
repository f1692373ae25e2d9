import { EligibilityCriterion } from '../distribution-codes';
import { eligibilityProblems, EligibilityFacts, foldDistrict, RoundEligibility } from './eligibility';

const open: RoundEligibility = {
  eligibleVulnerabilities: [],
  minHouseholdSize: null,
  maxHouseholdSize: null,
  eligibleDistricts: [],
  eligibleLegalStatuses: [],
};

const person = (o: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  vulnerabilities: [],
  district: 'Sultanbeyli',
  legalStatus: 'temporary_protection',
  householdSize: 4,
  ...o,
});

describe(eligibilityProblems.name, () => {
  it('finds everyone eligible for a round without criteria', () => {
    expect(
      eligibilityProblems(open, person({ district: null, legalStatus: null, householdSize: null })),
    ).toEqual([]);
  });

  describe('vulnerabilities', () => {
    const round = { ...open, eligibleVulnerabilities: ['single_parent', 'disability'] };

    it('accepts a person with any one of them', () => {
      expect(
        eligibilityProblems(round, person({ vulnerabilities: ['chronic_illness', 'disability'] })),
      ).toEqual([]);
    });

    it('refuses a person with none of them', () => {
      expect(eligibilityProblems(round, person({ vulnerabilities: ['chronic_illness'] }))).toEqual([
        EligibilityCriterion.Vulnerability,
      ]);
      expect(eligibilityProblems(round, person({ vulnerabilities: [] }))).toEqual([
        EligibilityCriterion.Vulnerability,
      ]);
    });
  });

  describe('household size', () => {
    const round = { ...open, minHouseholdSize: 3, maxHouseholdSize: 6 };

    it.each([3, 4, 6])('accepts a household of %i within the bounds, both included', (size) => {
      expect(eligibilityProblems(round, person({ householdSize: size }))).toEqual([]);
    });

    it.each([1, 2, 7, 12])('refuses a household of %i outside them', (size) => {
      expect(eligibilityProblems(round, person({ householdSize: size }))).toEqual([
        EligibilityCriterion.HouseholdSize,
      ]);
    });

    it('counts a person without a household as a household of one', () => {
      expect(eligibilityProblems({ ...open, minHouseholdSize: 2 }, person({ householdSize: null }))).toEqual([
        EligibilityCriterion.HouseholdSize,
      ]);
      expect(eligibilityProblems({ ...open, maxHouseholdSize: 1 }, person({ householdSize: null }))).toEqual(
        [],
      );
    });

    it('applies a lone minimum or maximum', () => {
      expect(eligibilityProblems({ ...open, minHouseholdSize: 5 }, person({ householdSize: 9 }))).toEqual([]);
      expect(eligibilityProblems({ ...open, maxHouseholdSize: 2 }, person({ householdSize: 3 }))).toEqual([
        EligibilityCriterion.HouseholdSize,
      ]);
    });
  });

  describe('districts', () => {
    const round = { ...open, eligibleDistricts: ['Sultanbeyli', 'Pendik'] };

    it('accepts a listed district however it was typed', () => {
      for (const district of ['Sultanbeyli', 'SULTANBEYLI', '  sultanbeyli ', 'PENDİK', 'pendık']) {
        expect(eligibilityProblems(round, person({ district }))).toEqual([]);
      }
    });

    it('refuses another district, or an unknown one', () => {
      expect(eligibilityProblems(round, person({ district: 'Kartal' }))).toEqual([
        EligibilityCriterion.District,
      ]);
      expect(eligibilityProblems(round, person({ district: null }))).toEqual([EligibilityCriterion.District]);
    });
  });

  describe('legal status', () => {
    const round = {
      ...open,
      eligibleLegalStatuses: ['temporary_protection', 'international_protection_applicant'],
    };

    it('accepts a listed status', () => {
      expect(
        eligibilityProblems(round, person({ legalStatus: 'international_protection_applicant' })),
      ).toEqual([]);
    });

    it('refuses another status, or an unknown one', () => {
      expect(eligibilityProblems(round, person({ legalStatus: 'recognised_refugee' }))).toEqual([
        EligibilityCriterion.LegalStatus,
      ]);
      expect(eligibilityProblems(round, person({ legalStatus: null }))).toEqual([
        EligibilityCriterion.LegalStatus,
      ]);
    });
  });

  it('names every criterion not met, in a stable order', () => {
    const strict: RoundEligibility = {
      eligibleVulnerabilities: ['woman_at_risk'],
      minHouseholdSize: 2,
      maxHouseholdSize: 3,
      eligibleDistricts: ['Sultanbeyli'],
      eligibleLegalStatuses: ['temporary_protection'],
    };
    expect(
      eligibilityProblems(
        strict,
        person({ vulnerabilities: [], householdSize: 8, district: 'Bağcılar', legalStatus: 'citizen' }),
      ),
    ).toEqual([
      EligibilityCriterion.Vulnerability,
      EligibilityCriterion.HouseholdSize,
      EligibilityCriterion.District,
      EligibilityCriterion.LegalStatus,
    ]);
    expect(
      eligibilityProblems(
        strict,
        person({ vulnerabilities: ['woman_at_risk'], householdSize: 2, district: 'sultanbeyli' }),
      ),
    ).toEqual([]);
  });
});

describe(foldDistrict.name, () => {
  it('folds case, spaces and the Turkish i forms', () => {
    expect(foldDistrict('  İSTANBUL  Asya ')).toBe('istanbul asya');
    expect(foldDistrict('Istanbul asya')).toBe('istanbul asya');
    expect(foldDistrict('ıstanbul Asya')).toBe('istanbul asya');
  });

  it('keeps other letters apart', () => {
    expect(foldDistrict('Bağcılar')).not.toBe(foldDistrict('Bagcilar'));
    expect(foldDistrict('Kartal')).not.toBe(foldDistrict('Pendik'));
  });
});
