import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client is built into client/dist and served by our own server (no CDN: the hall is offline).
export default defineConfig({
  root: 'client',
  plugins: [react()],
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
    },
  },
});
