import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// Built into Analysis.Api/webapp, which the service serves at / (no CDN: everything is bundled).
export default defineConfig({
  plugins: [preact()],
  build: { outDir: "../Analysis.Api/webapp", emptyOutDir: true, sourcemap: false },
  test: { environment: "jsdom" },
});
