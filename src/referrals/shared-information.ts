import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BeneficiariesRepository } from '../beneficiaries/beneficiaries.repository';
import { CaseStatus, CaseType, RiskLevel } from '../cases/case-codes';
import { SharedBeneficiaryDto, SharedCaseSummaryDto } from './dto/referral.dto';
import { ReferralSharedField as F } from './referral-codes';

/**
 * Builds what a referral shares, and only that: the names, then each field the referral lists.
 * A field that is not listed is not read at all, so nothing else can leak into the answer.
 */
@Injectable()
export class SharedInformationReader {
  constructor(private readonly beneficiaries: BeneficiariesRepository) {}

  async beneficiary(
    em: EntityManager,
    beneficiaryId: string,
    fields: readonly F[],
  ): Promise<SharedBeneficiaryDto | null> {
    const shared = new Set(fields);
    const sensitive = shared.has(F.HealthConditions) || shared.has(F.ProtectionConcerns);
    const b = await this.beneficiaries.find(em, beneficiaryId, { sensitive });
    if (!b) return null;
    const out: SharedBeneficiaryDto = {
      id: b.id,
      givenName: b.givenName,
      familyName: b.familyName,
      fatherName: b.fatherName,
      motherName: b.motherName,
      nameArabic: b.nameArabic,
    };
    if (shared.has(F.Sex)) out.sex = b.sex;
    if (shared.has(F.DateOfBirth)) {
      out.dateOfBirth = b.dateOfBirth;
      out.birthDatePrecision = b.birthDatePrecision;
    }
    if (shared.has(F.Nationality)) out.nationality = b.nationality;
    if (shared.has(F.Languages)) out.languages = b.languages;
    if (shared.has(F.Phones)) out.phones = b.phones;
    if (shared.has(F.Address)) {
      out.addressLine = b.addressLine;
      out.neighbourhood = b.neighbourhood;
      out.district = b.district;
      out.province = b.province;
    }
    if (shared.has(F.ArrivalDate)) out.arrivalDate = b.arrivalDate;
    if (shared.has(F.LegalStatus)) out.legalStatus = b.legalStatus;
    if (shared.has(F.Vulnerabilities)) out.vulnerabilities = b.vulnerabilities;
    if (shared.has(F.HealthConditions)) out.healthConditions = b.healthConditions ?? null;
    if (shared.has(F.ProtectionConcerns)) out.protectionConcerns = b.protectionConcerns ?? null;
    if (shared.has(F.Documents) || shared.has(F.Household)) {
      const extras = (await this.beneficiaries.projectionExtrasOf(em, [b.id])).get(b.id);
      if (shared.has(F.Documents)) out.documents = extras?.documents ?? [];
      if (shared.has(F.Household)) out.householdSize = extras?.householdSize ?? null;
    }
    return out;
  }

  /** The case's type, risk, status and summary, and its latest assessment's coded needs and score. */
  async caseSummary(em: EntityManager, caseId: string): Promise<SharedCaseSummaryDto | null> {
    const rows: Array<{
      type: CaseType;
      risk_level: RiskLevel;
      status: CaseStatus;
      summary: string | null;
      opened_at: Date;
      needs: Array<{ code: string; severity: string }> | null;
      score: number | null;
    }> = await em.query(
      `SELECT c.type, c.risk_level, c.status, c.summary, c.opened_at, a.needs, a.score
         FROM case_files c
         LEFT JOIN LATERAL (SELECT needs, score FROM case_assessments
                             WHERE case_id = c.id ORDER BY assessed_at DESC, id DESC LIMIT 1) a ON true
        WHERE c.id = $1`,
      [caseId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      type: row.type,
      riskLevel: row.risk_level,
      status: row.status,
      summary: row.summary,
      openedAt: row.opened_at,
      needs: (row.needs ?? []).map((n) => ({ code: n.code, severity: n.severity })),
      vulnerabilityScore: row.score === null ? null : Number(row.score),
    };
  }
}
