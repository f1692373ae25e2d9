import { DynamicModule, Module } from '@nestjs/common';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { WorkerModule } from './worker.module';

/** Embedded mode: the API and the workers in one process. */
@Module({})
export class EmbeddedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: EmbeddedModule, imports: [AppModule.forRoot(config), WorkerModule.forRoot(config)] };
  }
}
