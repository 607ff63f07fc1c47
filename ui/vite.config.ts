import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app embeds ui/dist (tauri.conf.json `frontendDist`); there is no dev server in the
// product build, so the output must be self-contained: no CDN, no external fonts.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari15', // WebKitGTK 2.4x on Debian 12 is roughly Safari 15/16
    // One stylesheet file: the CSP allows styles from 'self' only, never inline.
    cssCodeSplit: false,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
