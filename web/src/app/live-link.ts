import { ApolloLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient, type Client } from 'graphql-ws';
import { Observable } from 'rxjs';
import { getReadToken, subscribeAuth } from '../features/auth/token.store';

/**
 * The WebSocket side of /graphql (graphql-ws) that subscriptions travel on, and the state of that
 * connection for the screens that must say when it is down. Queries and mutations stay on HTTP.
 */

/**
 * idle: no socket (none needed yet, or the last subscription ended); connecting: the first attempt;
 * connected: acknowledged by the server; down: lost or refused, retrying on its own.
 */
export type LiveConnection = 'idle' | 'connecting' | 'connected' | 'down';

let status: LiveConnection = 'idle';
const listeners = new Set<() => void>();

function setStatus(next: LiveConnection): void {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

export const getLiveConnection = (): LiveConnection => status;

export function subscribeLiveConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Waits between reconnection attempts: 1, 2, 4, 8 s, then every 10 s, each plus up to 1 s of jitter. */
export function retryDelayMs(retries: number, jitter: number = Math.random()): number {
  return Math.min(1000 * 2 ** retries, 10_000) + Math.round(jitter * 1000);
}

/** The server answers a ping within this, or the socket is taken for dead (a half-open Wi-Fi link sends no close). */
const PING_EVERY_MS = 10_000;
const PONG_WITHIN_MS = 5_000;

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}

function createLiveClient(): Client {
  let socket: WebSocket | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const client = createClient({
    url: socketUrl(),
    // Read at each (re)connection, so a new sign-in never needs a new client.
    connectionParams: () => {
      const token = getReadToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    // A console on a wall must come back by itself, however long the outage.
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
    keepAlive: PING_EVERY_MS,
    // A page that re-subscribes (new variables, a restart) keeps the socket rather than reconnecting.
    lazyCloseTimeout: 3000,
    on: {
      connecting: () => setStatus(status === 'down' ? 'down' : 'connecting'),
      connected: (opened) => {
        socket = opened as WebSocket;
        setStatus('connected');
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => {
          // 4408 is not one of graphql-ws's fatal codes: the client reconnects.
          if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'Pong timeout');
        }, PONG_WITHIN_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: (event) => {
        clearTimeout(pongTimer);
        socket = null;
        // 1000 is graphql-ws closing an unused socket (lazy mode): nothing is lost.
        const normal = typeof event === 'object' && event !== null && (event as CloseEvent).code === 1000;
        setStatus(normal ? 'idle' : 'down');
      },
      error: () => setStatus('down'),
    },
  });
  return client;
}

let client: Client | null = null;
let wsLink: GraphQLWsLink | null = null;

/**
 * Created on the first subscription, not at import: graphql-ws needs a WebSocket implementation
 * when its client is made, and the unit tests that import the app run where there is none.
 */
function liveLink(): GraphQLWsLink {
  client ??= createLiveClient();
  wsLink ??= new GraphQLWsLink(client);
  return wsLink;
}

// Data read with one token must never reach the next one: a sign-out drops the socket.
subscribeAuth(() => {
  if (getReadToken() || !client) return;
  void client.dispose();
  client = null;
  wsLink = null;
  setStatus('idle');
});

/** Terminating link for subscriptions: the shared graphql-ws client, made when first needed. */
export const subscriptionLink = new ApolloLink((operation) => {
  if (typeof WebSocket === 'undefined') {
    return new Observable((observer) => observer.error(new Error('WebSocket is not available here')));
  }
  return liveLink().request(operation);
});
