import react from "@vitejs/plugin-react";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
/** What pdf.js fetches at run time: predefined CMaps, the standard 14 fonts, its wasm decoders (JPEG 2000, JBIG2,
 * ICC colour) with the JPEG 2000 JS fallback, and ICC profiles. Without them some real PDFs draw blank. */
const PDFJS_DIRS = ["cmaps", "standard_fonts", "wasm", "iccs"];
const CONTENT_TYPES: Record<string, string> = { ".js": "text/javascript", ".wasm": "application/wasm" };

/** Ships pdfjs-dist's run-time resources as /pdfjs/<dir>/<file> (PdfPreview.tsx points pdf.js there). */
function pdfjsResources(): Plugin {
  return {
    name: "pdfjs-resources",
    generateBundle() {
      for (const dir of PDFJS_DIRS) {
        for (const file of fs.readdirSync(path.join(pdfjsRoot, dir))) {
          const source = fs.readFileSync(path.join(pdfjsRoot, dir, file));
          this.emitFile({ type: "asset", fileName: `pdfjs/${dir}/${file}`, source });
        }
      }
    },
    configureServer(server) {
      server.middlewares.use("/pdfjs", (req, res, next) => {
        const [dir, file] = (req.url ?? "").split("?")[0]!.split("/").filter(Boolean);
        if (!dir || !file || !PDFJS_DIRS.includes(dir) || file.includes("..")) return next();
        const full = path.join(pdfjsRoot, dir, file);
        if (!fs.existsSync(full)) return next();
        res.setHeader("content-type", CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream");
        res.end(fs.readFileSync(full));
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), pdfjsResources()],
  server: { proxy: { "/api": "http://localhost:3000" } },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 900 },
});
