import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The bundle is served by `llm-inspector serve` and loaded by the Electron window from the same folder, so asset URLs
// are relative and nothing is fetched from elsewhere.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npm run dev:ui`: hot reload against a running `serve` (its API on 8090)
    proxy: { '/api': { target: 'http://127.0.0.1:8090', ws: true } },
  },
});
