import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// Built into Analysis.Api/webapp, which the service serves at / (no CDN: everything is bundled).
export default defineConfig({
  plugins: [preact()],
  build: { outDir: "../Analysis.Api/webapp", emptyOutDir: true, sourcemap: false },
  // The app's folder, and the OpenAPI document its types come from: the unit tests read it to check that the app
  // covers every analysis type and status it names.
  server: { fs: { allow: [".", "../docs"] } },
  test: { environment: "jsdom" },
});
