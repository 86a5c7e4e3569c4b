// The KPI catalogue and the ratio rule. No zod and no Node API: safe for the browser bundle (`@lc/contract/kpi`).
export * from './kpi.catalogue.js';
export { ratio } from './ratio.js';
