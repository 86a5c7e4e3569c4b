import { lazyComponent } from '../../../lib/lazy';

// recharts is most of a page's weight: these load it on their own, so tables, KPIs and the page's
// queries do not wait for it.
export const LazyDailyChart = lazyComponent(() => import('./DailyChart').then((m) => m.DailyChart));
export const LazyViewersChart = lazyComponent(() =>
  import('../../sessions/components/ViewersChart').then((m) => m.ViewersChart),
);
