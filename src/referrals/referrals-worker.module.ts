import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReferralNotifications } from './referral-notifications.service';
import { ReferralOverdueService } from './referral-overdue.service';
import { ReferralsProcessor } from './referrals.processor';

/** Worker side of referrals: the overdue scan. */
@Module({
  imports: [NotificationsModule],
  providers: [ReferralNotifications, ReferralOverdueService, ReferralsProcessor],
})
export class ReferralsWorkerModule {}
