import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web application: React, bundled into web/dist and served by the API under /app/ (api/web.ts).
 * Everything it needs is in the bundle: no CDN at run time.
 * `npm run build:web` builds it; `npm start` and `npm test` build it first when the sources changed.
 */
export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `npx vite --config web/vite.config.ts` for development: the API runs on npm start's port.
    proxy: Object.fromEntries(
      [
        '/auth',
        '/me',
        '/assignments',
        '/approvals',
        '/areas',
        '/departments',
        '/groups',
        '/officials',
        '/dashboard',
        '/complaints',
        '/opinions',
        '/audit',
      ].map((path) => [path, `http://127.0.0.1:${process.env.PORT ?? 3000}`]),
    ),
  },
});
