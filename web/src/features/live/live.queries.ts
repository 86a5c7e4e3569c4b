import { graphql } from '../../gql';

/**
 * Everything the console shows, in one selection: the query reads it over HTTP (first load, and the
 * 2-s refresh while the live connection is down) and the subscription pushes the same fields, so
 * both land on the one Session in the cache and the page re-renders from there.
 */
export const LIVE_CONSOLE_FIELDS = graphql(`
  fragment LiveConsoleSession on Session {
    id
    brandId
    title
    isLive
    countedUntil
    startedAt
    endedAt
    currency
    commercer {
      id
      name
    }
    metrics {
      recaps
    }
    # the session page's fields too, so moving between the two pages never empties the other's series
    minuteSeries {
      minute
      at
      watching
      comments
      likes
      cartAdds
      orders
      revenue
    }
    live {
      at
      minute
      nowVsBefore {
        last {
          minutes
          watching
          comments
          likes
          cartAdds
          orders
          revenue
        }
        before {
          minutes
          watching
          comments
          likes
          cartAdds
          orders
          revenue
        }
      }
      unansweredCount
      # the head of the queue: the panel shows QUEUE_SHOWN (ConsolePanels.tsx) and the count
      unansweredComments(first: 5) {
        eventId
        viewerId
        text
        at
        ageSeconds
        question
      }
      waitingForRecap {
        viewers
        minutesSinceRecap
        lastRecapAt
      }
      alerts {
        kind
        minute
        at
        watching
        watchingBefore
        comments
        usualComments
        waiting
        minutesSinceRecap
        question {
          eventId
          viewerId
          text
        }
      }
      pinned {
        productId
        productName
        since
        clicks
        cartAdds
        orders
        revenue
      }
    }
  }
`);

export const LIVE_CONSOLE_QUERY = graphql(`
  query LiveConsole($id: ID!, $brandId: ID) {
    session(id: $id, brandId: $brandId) {
      ...LiveConsoleSession
    }
  }
`);

/** The same session, pushed over the WebSocket each time its numbers change; ends after the push that shows it ended. */
export const LIVE_CONSOLE_SUBSCRIPTION = graphql(`
  subscription LiveConsoleUpdates($id: ID!, $brandId: ID) {
    sessionLive(id: $id, brandId: $brandId) {
      ...LiveConsoleSession
    }
  }
`);

/** One recap per clientId: a retry with the same id records nothing more. */
export const RECORD_RECAP_MUTATION = graphql(`
  mutation RecordRecap($sessionId: ID!, $brandId: ID, $clientId: String!, $text: String) {
    recordRecap(sessionId: $sessionId, brandId: $brandId, clientId: $clientId, text: $text) {
      eventId
      at
      recorded
    }
  }
`);
