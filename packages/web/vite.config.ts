import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const source = (pkg: string) => fileURLToPath(new URL(`../${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  // Built from the sources, so the web app never needs the other packages built first.
  resolve: {
    alias: [
      { find: "@natter/protocol", replacement: source("protocol") },
      { find: "@natter/client", replacement: source("client") },
      // React's runtime is Preact's compat layer: react-dom alone was 62 KB gzip of a 100 KB first-load budget
      // (issue 7), Preact with compat is 9 KB. The code and its types stay React's.
      { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
      { find: /^react(-dom)?$/, replacement: "preact/compat" },
      { find: /^react\/jsx-(dev-)?runtime$/, replacement: "preact/compat/jsx-runtime" },
    ],
  },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: false },
  server: { proxy: { "/api": "http://localhost:5000", "/socket.io": { target: "ws://localhost:5000", ws: true } } },
});
