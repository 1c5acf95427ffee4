import fs from "node:fs";
import path from "node:path";
import { runTool } from "./external-process.js";
import type { RenditionConfig } from "./rendition-config.js";

/** Which external converters this machine has; Docket works without any of them, with fewer previews. */
export interface Converters {
  /** LibreOffice: office files → PDF. */
  office: boolean;
  /** OCRmyPDF with Tesseract's Russian and English models: scans → searchable PDF. */
  ocr: boolean;
  /** poppler-utils: page counts, text layers, thumbnails. */
  poppler: boolean;
}

/** The command's full path when it can be run: an absolute path, or found on PATH. */
export function findExecutable(command: string): string | undefined {
  if (command === "none") return undefined;
  const candidates = command.includes("/")
    ? [command]
    : (process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, command));
  return candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

const detected = new Map<string, Promise<Converters>>();

/** Looked up once per process (and per configuration, for tests that pretend a tool is missing). */
export function detectConverters(config: RenditionConfig): Promise<Converters> {
  const key = `${config.soffice}\n${config.ocrmypdf}`;
  let result = detected.get(key);
  if (!result) {
    result = detect(config);
    detected.set(key, result);
  }
  return result;
}

async function detect(config: RenditionConfig): Promise<Converters> {
  const poppler = ["pdftoppm", "pdfinfo", "pdftotext"].every((tool) => findExecutable(tool));
  const office = findExecutable(config.soffice) !== undefined;
  return { office, ocr: poppler && (await ocrAvailable(config)), poppler };
}

async function ocrAvailable(config: RenditionConfig): Promise<boolean> {
  if (!findExecutable(config.ocrmypdf)) return false;
  const tesseract = findExecutable("tesseract");
  if (!tesseract) return false;
  try {
    const { code, stdout, stderr } = await runTool(tesseract, ["--list-langs"], { timeoutMs: 10_000 });
    const langs = new Set(`${stdout}\n${stderr}`.split("\n").map((l) => l.trim()));
    return code === 0 && langs.has("rus") && langs.has("eng");
  } catch {
    return false;
  }
}
