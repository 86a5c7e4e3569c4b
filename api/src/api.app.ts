import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import type { ClickHouseGateway } from '@lc/clickhouse';
import { setApiLogLevel } from './api.exception.js';
import type { ApiSettings } from './api.env.js';
import { AppModule } from './app.module.js';

export interface CreateApiOptions {
  gateway: ClickHouseGateway;
  /** From the environment, parsed once at start (`apiSettingsFromEnv`). */
  settings: ApiSettings;
  /** An Express app to mount on (the all-in-one adds ingest routes and static files to it first). */
  express?: Express;
  schemaFile?: string;
  logger?: boolean;
}

/** Builds the Nest GraphQL app on a gateway; the caller listens. */
export async function createApiApp(options: CreateApiOptions): Promise<NestExpressApplication> {
  setApiLogLevel(options.settings.logLevel);
  const adapter = options.express ? new ExpressAdapter(options.express) : new ExpressAdapter();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ gateway: options.gateway, settings: options.settings, schemaFile: options.schemaFile }),
    adapter,
    { logger: options.logger === false ? false : ['error', 'warn'] },
  );
  app.enableShutdownHooks();
  // A brand logo (≤ 200 KB, base64 in setBrandBranding) must fit in a GraphQL request: 1 MB instead of 100 kB.
  app.useBodyParser('json', { limit: '1mb' });
  return app;
}
