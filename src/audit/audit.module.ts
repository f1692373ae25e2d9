import { Module } from '@nestjs/common';
import { AccessModule } from '../auth/access/access.module';
import { AuditEventsController } from './audit-events.controller';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditEventsService } from './audit-events.service';
import { AuditService } from './audit.service';

/** Writing audit events (AuditService, for every module) and reading the log (the DPO's route). */
@Module({
  imports: [AccessModule],
  controllers: [AuditEventsController],
  providers: [AuditService, AuditEventsService, AuditEventsRepository],
  exports: [AuditService],
})
export class AuditModule {}
