/**
 * The columns of the CSVs both the API (GET /export/*.csv) and the dashboard (browser downloads of
 * the same tables) write, declared once so the two files of a table cannot drift apart.
 */

/** METRICS.md "Products" columns, in its order (products.csv; a session's products in the dashboard). */
export const PRODUCT_CSV_COLUMNS = [
  'productId',
  'productName',
  'pins',
  'pinnedSeconds',
  'impressed',
  'clickers',
  'clickRate',
  'cartAdds',
  'cartAdders',
  'orders',
  'units',
  'revenue',
  'buyers',
  'orderRate',
] as const;

/** METRICS.md "Traffic sources" columns, in its order, and the currency of revenue (sources.csv). */
export const SOURCE_CSV_COLUMNS = [
  'source',
  'viewers',
  'engagedViewers',
  'buyers',
  'revenue',
  'conversionRate',
  'avgWatchSeconds',
  'currency',
] as const;

/** One row per day (daily.csv; a commercer's days in the dashboard). */
export const DAILY_CSV_COLUMNS = [
  'date',
  'sessions',
  'views',
  'uniqueViewers',
  'comments',
  'likes',
  'orders',
  'revenue',
  'engagementRate',
  'conversionRate',
  'newViewers',
  'returningViewers',
] as const;
