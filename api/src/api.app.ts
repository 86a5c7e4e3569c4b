import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import type { ClickHouseGateway } from '@lc/clickhouse';
import { AppModule } from './app.module.js';

export interface CreateApiOptions {
  gateway: ClickHouseGateway;
  /** An Express app to mount on (the all-in-one adds ingest routes and static files to it first). */
  express?: Express;
  schemaFile?: string;
  logger?: boolean;
}

/** Builds the Nest GraphQL app on a gateway; the caller listens. */
export async function createApiApp(options: CreateApiOptions): Promise<NestExpressApplication> {
  const adapter = options.express ? new ExpressAdapter(options.express) : new ExpressAdapter();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ gateway: options.gateway, schemaFile: options.schemaFile }),
    adapter,
    { logger: options.logger === false ? false : ['error', 'warn'] },
  );
  app.enableShutdownHooks();
  return app;
}
