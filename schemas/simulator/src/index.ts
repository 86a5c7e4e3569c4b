export * from './simulator.js';
export * from './loader.js';
export type { SimBrand, SimCommercer, SimProduct, Language, Cadence, Category } from './catalogue.js';
export type { Period, SessionPlan } from './schedule.js';
export { Random, hashSeed } from './random.js';
