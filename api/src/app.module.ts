import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule, type GqlSubscriptionServiceOptions, type SubscriptionConfig } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import type { ClickHouseGateway } from '@lc/clickhouse';
import { formatApiError } from './api.exception.js';
import type { ApiSettings } from './api.env.js';
import { ApiSettingsModule } from './api-settings.module.js';
import { afterResponsePlugin } from './common/after-response.js';
import { queryLimitsRule } from './common/query-limits.js';
import { sharedSubscribe } from './common/shared-subscribe.js';
import { ClickHouseModule } from './clickhouse/clickhouse.module.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { AuthService } from './modules/auth/auth.service.js';
import type { GraphQLContext } from './modules/auth/principal.decorator.js';
import { BrandsModule } from './modules/brands/brands.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { PeriodsModule } from './modules/periods/periods.module.js';
import { OverviewModule } from './modules/overview/overview.module.js';
import { CommercersModule } from './modules/commercers/commercers.module.js';
import { CommunityModule } from './modules/community/community.module.js';
import { InsightsModule } from './modules/insights/insights.module.js';
import { AnnotationsModule } from './modules/annotations/annotations.module.js';
import { ExportModule } from './modules/export/export.module.js';
import { LiveModule } from './modules/live/live.module.js';
import { AlertsModule } from './modules/alerts/alerts.module.js';
import { HostCostsModule } from './modules/host-costs/host-costs.module.js';
import { BenchmarksModule } from './modules/benchmarks/benchmarks.module.js';
import { BrandingModule } from './modules/branding/branding.module.js';
import { ShareModule } from './modules/share/share.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { ReportSchedulesModule } from './modules/report-schedules/report-schedules.module.js';

/**
 * graphql-ws on /graphql. Subscriptions of the same principal share each push's execution
 * (common/shared-subscribe.ts); Nest spreads `subscribe` into graphql-ws's server options, though the
 * type of its `subscriptions` option leaves it out.
 */
const SUBSCRIPTIONS: SubscriptionConfig & Pick<GqlSubscriptionServiceOptions, 'subscribe'> = {
  'graphql-ws': { path: '/graphql' },
  subscribe: sharedSubscribe((context) => JSON.stringify((context as GraphQLContext).principal)),
};

export interface AppModuleOptions {
  gateway: ClickHouseGateway;
  settings: ApiSettings;
  /** Where to write the SDL (build step); in-memory when omitted. */
  schemaFile?: string;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ClickHouseModule.forGateway(options.gateway),
        ApiSettingsModule.forSettings(options.settings),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [AuthService],
          useFactory: (auth: AuthService) => ({
            path: '/graphql',
            autoSchemaFile: options.schemaFile ?? true,
            sortSchema: true,
            introspection: true,
            playground: false,
            includeStacktraceInErrorResponses: false,
            formatError: formatApiError,
            validationRules: [queryLimitsRule],
            // No HTTP cache hints are used; Apollo's default cache-control plugin would wrap every field
            // resolver to collect them (~5 % of a warm session page's CPU: S11R2-5).
            plugins: [ApolloServerPluginCacheControlDisabled(), afterResponsePlugin],
            // HTTP requests carry the token in their header; graphql-ws subscriptions in the connection
            // parameters ({ authorization: 'Bearer <read token>' }), checked again on every push
            context: async (source: {
              req?: Request;
              connectionParams?: Record<string, unknown>;
            }): Promise<GraphQLContext> => {
              const header = source.req?.headers.authorization;
              const param = source.connectionParams?.authorization;
              const authorization = header ?? (typeof param === 'string' ? param : undefined);
              return {
                principal: await auth.principalOf(authorization),
                authorization,
                loaders: new Map(),
                afterResponse: [],
              };
            },
            subscriptions: SUBSCRIPTIONS,
          }),
        }),
        PeriodsModule,
        SessionsModule,
        OverviewModule,
        CommercersModule,
        CommunityModule,
        InsightsModule,
        AnnotationsModule,
        ExportModule,
        LiveModule,
        AlertsModule,
        HostCostsModule,
        BenchmarksModule,
        ReportsModule,
        ReportSchedulesModule,
        BrandsModule,
        AdminModule,
        BrandingModule,
        ShareModule,
      ],
    };
  }
}
