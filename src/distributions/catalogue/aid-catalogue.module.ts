import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { AccessModule } from '../../auth/access/access.module';
import { AidItemsController } from './aid-items.controller';
import { AidItemsRepository } from './aid-items.repository';
import { AidItemsService } from './aid-items.service';

/** The aid catalogue: what organisations hand out, in what unit, worth how much. */
@Module({
  imports: [AccessModule, AuditModule],
  controllers: [AidItemsController],
  providers: [AidItemsRepository, AidItemsService],
  exports: [AidItemsRepository, AidItemsService],
})
export class AidCatalogueModule {}
