import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { EmptyState, ErrorState, Skeleton } from './StatusPanel';

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('ErrorState', () => {
  it('says the API is unreachable and to start it, with a retry button', () => {
    const html = renderToStaticMarkup(
      <ErrorState error={new TypeError('Failed to fetch')} onRetry={() => undefined} />,
    );
    expect(html).toContain('data-kind="network"');
    expect(text(html)).toContain('Check that the server is running (npm start), then retry.');
    expect(html).toContain('data-testid="error-retry"');
  });

  it('names the missing API field when the server is older than the dashboard, and offers no useless retry', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [{ message: 'Cannot query field "community" on type "Query".' }],
    });
    const html = renderToStaticMarkup(<ErrorState error={error} onRetry={() => undefined} />);
    expect(html).toContain('data-kind="unsupported"');
    expect(text(html)).toContain('This server does not provide this view yet.');
    expect(text(html)).toContain('It lacks the API field Query.community');
    expect(html).not.toContain('error-retry');
  });

  it('sends a refused token back to sign-in rather than retrying', () => {
    const error = new ServerError('Unauthorized', { response: new Response('{}', { status: 401 }), bodyText: '{}' });
    const html = renderToStaticMarkup(<ErrorState error={error} onRetry={() => undefined} />);
    expect(html).toContain('data-kind="unauthenticated"');
    expect(html).not.toContain('error-retry');
  });
});

describe('EmptyState and Skeleton', () => {
  it('an empty state says why it is empty', () => {
    const html = renderToStaticMarkup(
      <EmptyState
        testId="sessions-empty"
        title="No sessions in this period — widen the period or pick another brand."
      />,
    );
    expect(html).toContain('data-testid="sessions-empty"');
    expect(text(html)).toBe('No sessions in this period — widen the period or pick another brand.');
  });

  it('a skeleton announces loading to screen readers and draws one block per item', () => {
    const html = renderToStaticMarkup(<Skeleton kind="cards" count={3} />);
    expect(html).toContain('role="status"');
    expect(html).toContain('aria-label="Loading…"');
    expect(html.match(/skeleton__block/g)).toHaveLength(3);
  });
});
