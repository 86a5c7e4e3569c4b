import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ClickHouseGateway } from '@lc/clickhouse';

/** Provides the one gateway, opened by whoever starts the process (API alone or the all-in-one). */
@Global()
@Module({})
export class ClickHouseModule {
  static forGateway(gateway: ClickHouseGateway): DynamicModule {
    return {
      module: ClickHouseModule,
      providers: [{ provide: ClickHouseGateway, useValue: gateway }],
      exports: [ClickHouseGateway],
    };
  }
}
