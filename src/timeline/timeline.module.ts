import { Module } from '@nestjs/common';
import { AccessModule } from '../auth/access/access.module';
import { TimelineController } from './timeline.controller';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';

/**
 * A beneficiary's history across the registry, cases and services, read-only. Like reports, it
 * reads the tables with its own SQL and imports no feature module, so every feature may appear
 * on the timeline without the modules depending on each other.
 */
@Module({
  imports: [AccessModule],
  controllers: [TimelineController],
  providers: [TimelineRepository, TimelineService],
})
export class TimelineModule {}
