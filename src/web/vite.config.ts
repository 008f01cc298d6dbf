/**
 * Vite build of the single-page app. `npm run build:web` writes dist/web, which the server serves at `/` with an
 * SPA fallback under a strict CSP (script-src/style-src 'self'): nothing here may inline scripts or styles.
 * In development (`npx vite --config src/web/vite.config.ts`) /api is proxied to a running server
 * (TIENDO_API, default http://127.0.0.1:3000).
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig(({ command }) => ({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../../dist/web", import.meta.url)),
    emptyOutDir: true,
    // Fonts must stay files (never data: URIs, which a strict font-src would refuse).
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  // A build is always React's production build, even when NODE_ENV says "test" (vitest) or "development".
  define: command === "build" ? { "process.env.NODE_ENV": JSON.stringify("production") } : {},
  server: {
    proxy: { "/api": process.env.TIENDO_API ?? "http://127.0.0.1:3000" },
  },
}));
