/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Overview($brandId: ID, $first: Int) {\n    brands {\n      id\n      name\n      timeZone\n      currency\n    }\n    sessions(brandId: $brandId, first: $first) {\n      id\n      brandId\n      title\n      platform\n      startedAt\n      endedAt\n      isLive\n      currency\n      commercer {\n        id\n        name\n        kind\n      }\n      metrics {\n        uniqueViewers\n        comments\n        likes\n        orders\n        revenue\n      }\n    }\n  }\n": typeof types.OverviewDocument,
    "\n  query SessionDetail($id: ID!) {\n    session(id: $id) {\n      id\n      brandId\n      title\n      platform\n      startedAt\n      endedAt\n      isLive\n      currency\n      commercer {\n        id\n        name\n        kind\n      }\n      metrics {\n        uniqueViewers\n        peakConcurrentViewers\n        avgConcurrentViewers\n        totalWatchSeconds\n        avgWatchSeconds\n        comments\n        commenters\n        chatRate\n        likes\n        likers\n        engagedViewers\n        engagementRate\n        cartAdds\n        cartAdders\n        orders\n        buyers\n        revenue\n        conversionRate\n        cartConversionRate\n        averageOrderValue\n        revenuePerViewer\n        gpm\n        lateJoiners\n        commentResponseRate\n        medianResponseSeconds\n      }\n    }\n    brands {\n      id\n      name\n      timeZone\n      currency\n    }\n  }\n": typeof types.SessionDetailDocument,
};
const documents: Documents = {
    "\n  query Overview($brandId: ID, $first: Int) {\n    brands {\n      id\n      name\n      timeZone\n      currency\n    }\n    sessions(brandId: $brandId, first: $first) {\n      id\n      brandId\n      title\n      platform\n      startedAt\n      endedAt\n      isLive\n      currency\n      commercer {\n        id\n        name\n        kind\n      }\n      metrics {\n        uniqueViewers\n        comments\n        likes\n        orders\n        revenue\n      }\n    }\n  }\n": types.OverviewDocument,
    "\n  query SessionDetail($id: ID!) {\n    session(id: $id) {\n      id\n      brandId\n      title\n      platform\n      startedAt\n      endedAt\n      isLive\n      currency\n      commercer {\n        id\n        name\n        kind\n      }\n      metrics {\n        uniqueViewers\n        peakConcurrentViewers\n        avgConcurrentViewers\n        totalWatchSeconds\n        avgWatchSeconds\n        comments\n        commenters\n        chatRate\n        likes\n        likers\n        engagedViewers\n        engagementRate\n        cartAdds\n        cartAdders\n        orders\n        buyers\n        revenue\n        conversionRate\n        cartConversionRate\n        averageOrderValue\n        revenuePerViewer\n        gpm\n        lateJoiners\n        commentResponseRate\n        medianResponseSeconds\n      }\n    }\n    brands {\n      id\n      name\n      timeZone\n      currency\n    }\n  }\n": types.SessionDetailDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Overview($brandId: ID, $first: Int) {\n    brands {\n      id\n      name\n      timeZone\n      currency\n    }\n    sessions(brandId: $brandId, first: $first) {\n      id\n      brandId\n      title\n      platform\n      startedAt\n      endedAt\n      isLive\n      currency\n      commercer {\n        id\n        name\n        kind\n      }\n      metrics {\n        uniqueViewers\n        comments\n        likes\n        orders\n        revenue\n      }\n    }\n  }\n"): (typeof documents)["\n  query Overview($brandId: ID, $first: Int) {\n    brands {\n      id\n      name\n      timeZone\n      currency\n    }\n    sessions(brandId: $brandId, first: $first) {\n      id\n      brandId\n      title\n      platform\n      startedAt\n      endedAt\n      isLive\n      currency\n      commercer {\n        id\n        name\n        kind\n      }\n      metrics {\n        uniqueViewers\n        comments\n        likes\n        orders\n        revenue\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionDetail($id: ID!) {\n    session(id: $id) {\n      id\n      brandId\n      title\n      platform\n      startedAt\n      endedAt\n      isLive\n      currency\n      commercer {\n        id\n        name\n        kind\n      }\n      metrics {\n        uniqueViewers\n        peakConcurrentViewers\n        avgConcurrentViewers\n        totalWatchSeconds\n        avgWatchSeconds\n        comments\n        commenters\n        chatRate\n        likes\n        likers\n        engagedViewers\n        engagementRate\n        cartAdds\n        cartAdders\n        orders\n        buyers\n        revenue\n        conversionRate\n        cartConversionRate\n        averageOrderValue\n        revenuePerViewer\n        gpm\n        lateJoiners\n        commentResponseRate\n        medianResponseSeconds\n      }\n    }\n    brands {\n      id\n      name\n      timeZone\n      currency\n    }\n  }\n"): (typeof documents)["\n  query SessionDetail($id: ID!) {\n    session(id: $id) {\n      id\n      brandId\n      title\n      platform\n      startedAt\n      endedAt\n      isLive\n      currency\n      commercer {\n        id\n        name\n        kind\n      }\n      metrics {\n        uniqueViewers\n        peakConcurrentViewers\n        avgConcurrentViewers\n        totalWatchSeconds\n        avgWatchSeconds\n        comments\n        commenters\n        chatRate\n        likes\n        likers\n        engagedViewers\n        engagementRate\n        cartAdds\n        cartAdders\n        orders\n        buyers\n        revenue\n        conversionRate\n        cartConversionRate\n        averageOrderValue\n        revenuePerViewer\n        gpm\n        lateJoiners\n        commentResponseRate\n        medianResponseSeconds\n      }\n    }\n    brands {\n      id\n      name\n      timeZone\n      currency\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;