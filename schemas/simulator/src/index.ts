export * from './simulator.js';
export * from './loader.js';
export type { SimBrand, SimCommercer, SimProduct, Language, Cadence, Category } from './catalogue.js';
export type { Period, SessionPlan } from './schedule.js';
export { Random, hashSeed } from './random.js';
export { simulatedHostCosts, type SimFee, type SimSessionCost } from './host-costs.js';
