import { JobProcessor, OnJob, QueueProcessor } from '../jobs/job-handler';
import { JobName, NoPayload, QueueName } from '../jobs/job-names';
import { OverdueScan, ReferralOverdueService } from './referral-overdue.service';

/** Referral jobs: the overdue scan, on its schedule (JOB_SCHEDULES) or enqueued on demand. */
@QueueProcessor(QueueName.Referrals)
export class ReferralsProcessor extends JobProcessor {
  constructor(private readonly overdue: ReferralOverdueService) {
    super();
  }

  /** Safe to run twice, or twice at once: each referral, phase and person is notified once. */
  @OnJob(JobName.MarkOverdueReferrals)
  markOverdueReferrals(_payload: NoPayload): Promise<OverdueScan> {
    return this.overdue.markOverdue();
  }
}
