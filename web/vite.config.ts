import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API and ingest run on :4000 in development; proxying keeps the dashboard same-origin,
// exactly as in production where one server serves web/dist, /graphql and /v1.
const apiTarget = process.env.LC_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      // ws: the live console's subscription (graphql-ws) upgrades the same path.
      '/graphql': { target: apiTarget, changeOrigin: true, ws: true },
      '/v1': { target: apiTarget, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/graphql': { target: apiTarget, changeOrigin: true, ws: true },
      '/v1': { target: apiTarget, changeOrigin: true },
    },
  },
});
