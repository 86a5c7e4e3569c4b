import { lazyComponent } from '../../lib/lazy';

// The console's numbers need no recharts; the curve fills in when it has arrived.
export const LazyLiveCurve = lazyComponent(() => import('./components/LiveCurve').then((m) => m.LiveCurve));
