import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ApiSettings } from './api.env.js';

/** Provides the settings parsed at start (API alone or the all-in-one) to whichever module needs them. */
@Global()
@Module({})
export class ApiSettingsModule {
  static forSettings(settings: ApiSettings): DynamicModule {
    return {
      module: ApiSettingsModule,
      providers: [{ provide: ApiSettings, useValue: settings }],
      exports: [ApiSettings],
    };
  }
}
