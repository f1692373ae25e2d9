import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { AccessModule } from '../../auth/access/access.module';
import { ConsentsController } from './consents.controller';
import { ConsentsRepository } from './consents.repository';
import { ConsentsService } from './consents.service';

/**
 * Beneficiaries' consents, by purpose and recipient. Exports `ConsentsService.currentConsent`,
 * which referrals ask before sharing a person's data.
 */
@Module({
  imports: [AccessModule, AuditModule],
  controllers: [ConsentsController],
  providers: [ConsentsRepository, ConsentsService],
  exports: [ConsentsService],
})
export class ConsentsModule {}
