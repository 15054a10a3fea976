import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// Built into Analysis.Api/wwwroot, which the service serves at / (no CDN: everything is bundled).
export default defineConfig({
  plugins: [preact()],
  build: { outDir: "../Analysis.Api/wwwroot", emptyOutDir: true, sourcemap: false },
  test: { environment: "jsdom" },
});
