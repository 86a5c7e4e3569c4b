import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../modules/auth/principal.decorator.js';

/**
 * Work a request leaves for when its answer is ready (a sessions list reading its session pages
 * ahead: S11R5-1): started once every statement of the request has ended, so it never holds up the
 * request's own reads. Each is started as soon as the answer is ready and not waited for; a failure is
 * the work's own to report.
 */
export function afterResponse(context: GraphQLContext, work: () => void): void {
  context.afterResponse.push(work);
}

/** Starts each request's `afterResponse` work once its answer is ready (before it is written out). */
export const afterResponsePlugin: ApolloServerPlugin<GraphQLContext> = {
  requestDidStart: async () => ({
    willSendResponse: async ({ contextValue }) => {
      for (const work of contextValue.afterResponse.splice(0)) work();
    },
  }),
};
