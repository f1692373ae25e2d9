import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module';
import { ConsentsModule } from './beneficiaries/consents/consents.module';
import { HouseholdsModule } from './beneficiaries/households/households.module';
import { CasesModule } from './cases/cases.module';
import { JwtAuthGuard } from './auth/guards/jwt-auth.guard';
import { PermissionsGuard } from './auth/guards/permissions.guard';
import { ProblemFilter } from './common/errors/problem.filter';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { DuplicateAidModule } from './distributions/duplicate-aid/duplicate-aid.module';
import { DistributionImportsModule } from './distributions/imports/distribution-imports.module';
import { AidCatalogueModule } from './distributions/catalogue/aid-catalogue.module';
import { DistributionRoundsModule } from './distributions/rounds/rounds.module';
import { DistributionPointModule } from './distributions/point/distribution-point.module';
import { DistributionsModule } from './distributions/distributions.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReferralsModule } from './referrals/referrals.module';
import { ServiceCatalogueModule } from './service-catalogue/service-catalogue.module';
import { TimelineModule } from './timeline/timeline.module';
import { UsersModule } from './users/users.module';

/** The HTTP API process. Queues are producers only here; processors live in WorkerModule. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        HealthModule,
        MetricsModule,
        AuthModule,
        AuditModule,
        OrganisationsModule,
        UsersModule,
        ServiceCatalogueModule,
        BeneficiariesModule,
        HouseholdsModule,
        ConsentsModule,
        CasesModule,
        ReferralsModule,
        // Before DistributionsModule: `/distributions/imports` must not be taken for a record's id.
        DistributionImportsModule,
        DistributionsModule,
        DuplicateAidModule,
        AidCatalogueModule,
        DistributionRoundsModule,
        NotificationsModule,
        TimelineModule,
        DistributionPointModule,
      ],
      providers: [
        // Order matters: authenticate, then check permissions. Both are fail-closed.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PermissionsGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
