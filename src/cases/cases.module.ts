import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AccessModule } from '../auth/access/access.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { CaseAssessmentsController } from './assessments/case-assessments.controller';
import { CaseAssessmentsRepository } from './assessments/case-assessments.repository';
import { CaseAssessmentsService } from './assessments/case-assessments.service';
import { CaseAccess } from './case-access.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { CaseFollowUpsController } from './follow-ups/case-follow-ups.controller';
import { CaseFollowUpsRepository } from './follow-ups/case-follow-ups.repository';
import { CaseFollowUpsService } from './follow-ups/case-follow-ups.service';
import { CaseGoalsController } from './goals/case-goals.controller';
import { CaseGoalsRepository } from './goals/case-goals.repository';
import { CaseGoalsService } from './goals/case-goals.service';
import { CaseNotesController } from './notes/case-notes.controller';
import { CaseNotesRepository } from './notes/case-notes.repository';
import { CaseNotesService } from './notes/case-notes.service';

/** Case files: status, assignment, notes, follow-ups, assessments and plan. */
@Module({
  imports: [AccessModule, AuditModule, OrganisationsModule],
  controllers: [
    CasesController,
    CaseNotesController,
    CaseFollowUpsController,
    CaseAssessmentsController,
    CaseGoalsController,
  ],
  providers: [
    CasesRepository,
    CasesService,
    CaseAccess,
    CaseNotesRepository,
    CaseNotesService,
    CaseFollowUpsRepository,
    CaseFollowUpsService,
    CaseAssessmentsRepository,
    CaseAssessmentsService,
    CaseGoalsRepository,
    CaseGoalsService,
  ],
  exports: [CasesRepository, CaseAccess],
})
export class CasesModule {}
