import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const source = (pkg: string) => fileURLToPath(new URL(`../${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  // Built from the sources, so the web app never needs the other packages built first.
  resolve: { alias: { "@natter/protocol": source("protocol"), "@natter/client": source("client") } },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: false },
  server: { proxy: { "/api": "http://localhost:5000", "/socket.io": { target: "ws://localhost:5000", ws: true } } },
});
