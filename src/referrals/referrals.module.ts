import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AccessModule } from '../auth/access/access.module';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { ConsentsModule } from '../beneficiaries/consents/consents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ServiceCatalogueModule } from '../service-catalogue/service-catalogue.module';
import { ReferralNotifications } from './referral-notifications.service';
import { ReferralStatisticsController } from './referral-statistics.controller';
import { ReferralStatisticsService } from './referral-statistics.service';
import { CaseReferralsController, ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';
import { SharedInformationReader } from './shared-information';

/** Referrals between units and organisations: making, answering, sharing, statistics. */
@Module({
  imports: [
    AccessModule,
    AuditModule,
    BeneficiariesModule,
    ConsentsModule,
    ServiceCatalogueModule,
    NotificationsModule,
  ],
  // The statistics controller first: its `/referrals/statistics` must not be taken for an id.
  controllers: [ReferralStatisticsController, ReferralsController, CaseReferralsController],
  providers: [
    ReferralsRepository,
    ReferralsService,
    SharedInformationReader,
    ReferralNotifications,
    ReferralStatisticsService,
  ],
})
export class ReferralsModule {}
