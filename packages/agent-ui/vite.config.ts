import { defineConfig } from 'vite';

// base './': every asset URL is relative, so the agent can serve the UI under any path prefix.
// JSX settings come from tsconfig.json (Preact's automatic runtime), so no framework plugin is needed.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 300,
  },
});
