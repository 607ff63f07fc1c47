import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Component styles go to the extracted CSS file; the CSP forbids inline <style>.
    css: 'external',
  },
};
