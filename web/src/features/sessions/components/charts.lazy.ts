import { lazyComponent } from '../../../lib/lazy';

// The header and KPIs of a session need no recharts; the charts fill in when it has arrived.
export const LazyTimelineChart = lazyComponent(() => import('./SessionCharts').then((m) => m.TimelineChart));
export const LazyRetentionChart = lazyComponent(() => import('./SessionCharts').then((m) => m.RetentionChart));
