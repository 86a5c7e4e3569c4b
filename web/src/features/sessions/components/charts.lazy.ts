import { lazyComponent } from '../../../lib/lazy';

// The header and KPIs of a session need no recharts; the charts fill in when it has arrived.
export const LazyTimelineChart = lazyComponent(() => import('./SessionCharts').then((m) => m.TimelineChart));
export const LazyRetentionChart = lazyComponent(() => import('./SessionCharts').then((m) => m.RetentionChart));

/**
 * Starts loading every chart of the session page. Each lazy component must be preloaded itself, even
 * though they share one module: one that was not suspends on first render (React.lazy), its frame
 * shows the grey placeholder and React 19 holds the reveal back for its fallback throttle (~300 ms) —
 * the retention curve was still a blank box while the timeline next to it was drawn.
 */
export function preloadSessionCharts(): Promise<unknown> {
  return Promise.all([LazyTimelineChart.preload(), LazyRetentionChart.preload()]);
}
