import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * tldraw's default asset base is its CDN. We always pass our own asset URLs, but a default that
 * some code path still reads would make a tablet in an offline hall try the internet. This points
 * the default itself at the copy we serve (`/tldraw-assets`, same layout as the CDN), so no
 * default can leave the server's origin. Only the asset base changes; nothing else of tldraw's.
 */
function selfHostedTldrawDefaults(): Plugin {
  return {
    name: 'papan-self-hosted-tldraw-defaults',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@tldraw') || !code.includes('https://cdn.tldraw.com')) return null;
      return code
        .replace(/"https:\/\/cdn\.tldraw\.com"/g, '"/tldraw-assets"')
        .replace('return `${CDN_BASE_URL}/${version}`;', 'return CDN_BASE_URL;');
    },
  };
}

// The client is built into client/dist and served by our own server (no CDN: the hall is offline).
export default defineConfig({
  root: 'client',
  plugins: [selfHostedTldrawDefaults(), react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    proxy: {
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
      '/api': 'http://127.0.0.1:8080',
      '/tldraw-assets': 'http://127.0.0.1:8080',
      '/config.js': 'http://127.0.0.1:8080',
    },
  },
});
