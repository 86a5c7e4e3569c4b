import { lazyComponent } from '../../../lib/lazy';

// The kind table needs no recharts; the strips and the scatter fill in when it has arrived.
export const LazyKindStrip = lazyComponent(() => import('./KindCharts').then((m) => m.KindStrip));
export const LazyEngagementScatter = lazyComponent(() => import('./KindCharts').then((m) => m.EngagementScatter));
