import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a reader downloads before the first page can render: the entry script and the
 * chunks index.html preloads. Pages and recharts are split off (route-level code splitting) and do
 * not count. Budget from the issue: 300 KB gzip. Reads the built web/dist.
 */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const BUDGET_BYTES = 300 * 1024;

test('initial JS stays within 300 KB gzip', () => {
  const html = readFileSync(`${DIST}index.html`, 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map(
    (m) => m[1],
  );
  expect(scripts.length).toBeGreaterThan(0);
  const gzipBytes = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(`${DIST}${file}`)).length, 0);
  console.log(`initial JS: ${scripts.join(', ')} = ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
  expect(gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
});
