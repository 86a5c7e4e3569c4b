// Small pure helpers shared by the API and the dashboard (no zod: safe for the browser bundle).
export * from './time-zone.js';
export * from './calendar-week.js';
