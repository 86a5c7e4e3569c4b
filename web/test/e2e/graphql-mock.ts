import type { Page } from 'playwright-core';

/**
 * Answers the page's /graphql requests in the browser, so UI states (empty, errors, refused token)
 * can be driven without a server. The real end-to-end test talks to the real API instead.
 */

export interface GraphqlCall {
  readonly operationName: string | null;
  readonly variables: Record<string, unknown>;
  readonly authorization: string | null;
}

/** A JSON body (status 200 unless given), or 'network-down' to fail like an unreachable server. */
export type GraphqlReply = { status?: number; body: unknown } | 'network-down';

export type GraphqlResponder = (call: GraphqlCall) => GraphqlReply;

interface GraphqlRequestBody {
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Installs the responder and returns the list it appends every call to. */
export async function mockGraphql(page: Page, responder: GraphqlResponder): Promise<GraphqlCall[]> {
  const calls: GraphqlCall[] = [];
  await page.route('**/graphql', async (route) => {
    const request = route.request();
    const body = (request.postDataJSON() ?? {}) as GraphqlRequestBody;
    const call: GraphqlCall = {
      operationName: body.operationName ?? null,
      variables: body.variables ?? {},
      authorization: (await request.headerValue('authorization')) ?? null,
    };
    calls.push(call);
    const reply = responder(call);
    if (reply === 'network-down') {
      await route.abort('connectionrefused');
      return;
    }
    await route.fulfill({
      status: reply.status ?? 200,
      contentType: 'application/json',
      body: JSON.stringify(reply.body),
    });
  });
  return calls;
}

/** The body an API sends when it refuses the token (Apollo Server / NestJS style). */
export function unauthenticatedBody(): unknown {
  return {
    data: null,
    errors: [{ message: 'Invalid or missing read token', extensions: { code: 'UNAUTHENTICATED' } }],
  };
}
