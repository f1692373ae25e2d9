import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AccessModule } from '../auth/access/access.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { BeneficiariesController } from './beneficiaries.controller';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { BeneficiariesService } from './beneficiaries.service';
import { IdentityDocumentsController } from './identity-documents.controller';
import { IdentityDocumentsService } from './identity-documents.service';
import { BeneficiarySearch } from './search/beneficiary-search';

/**
 * People: registration, identity documents and search. Other modules read people through the
 * exported BeneficiariesRepository (`refsOf`, `find`, `householdOf`, `projectionExtrasOf`) and
 * check scope with AccessService on Resource.Beneficiary.
 */
@Module({
  imports: [AccessModule, AuditModule, OrganisationsModule],
  controllers: [BeneficiariesController, IdentityDocumentsController],
  providers: [BeneficiariesRepository, BeneficiariesService, IdentityDocumentsService, BeneficiarySearch],
  exports: [BeneficiariesRepository, BeneficiariesService],
})
export class BeneficiariesModule {}
