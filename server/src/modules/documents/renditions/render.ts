import fsp from "node:fs/promises";
import path from "node:path";
import { unzipSync } from "fflate";
import { fileExists } from "../../../lib/file-exists.js";
import { metrics } from "../../../metrics/metrics.js";
import { conversionSlots } from "./conversion-slots.js";
import type { Converters } from "./converters.js";
import { ConversionError, lastLine, runTool } from "./external-process.js";
import type { RenditionConfig } from "./rendition-config.js";
import { ZIP_FORMATS, type RenditionKind } from "./rendition-kinds.js";
import { judgeText } from "./text-quality.js";

export interface RenditionInput {
  /** The stored file, copied into `workDir` under a name with the right extension. */
  file: string;
  kind: RenditionKind;
  extension: string;
  workDir: string;
}

export type RenditionResult =
  | { state: "unsupported" | "failed"; reason: string }
  | {
      state: "ready";
      pages: number | null;
      ocr: boolean;
      /** Undefined: the stored file itself is the preview. */
      pdf?: string;
      thumbnail?: string;
      /** Text of the rendition (office conversion, OCR) for the search index. */
      text?: string;
      /** Said on the card although a preview exists (e.g. "OCR is not installed"). */
      note?: string;
    };

const QUICK_TOOL_MS = 60_000;
const MAX_TEXT_CHARS = 2_000_000;
// Zip entries of an office file may unpack to at most this much (zip bombs declare gigabytes).
const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

/** Turns one stored file into its browser preview, thumbnail and (for scans) recognised text. */
export async function renderFile(
  input: RenditionInput,
  config: RenditionConfig,
  converters: Converters,
): Promise<RenditionResult> {
  try {
    switch (input.kind) {
      case "none":
        return { state: "unsupported", reason: "No preview for this file type" };
      case "office":
        if (!converters.office) return { state: "unsupported", reason: "LibreOffice is not installed on the server" };
        return await renderOffice(input, config, converters);
      case "image":
        if (!converters.ocr)
          return { state: "unsupported", reason: "OCRmyPDF and Tesseract are not installed on the server" };
        return await renderScan(input, config, "image");
      case "pdf":
        return await renderPdf(input, config, converters);
    }
  } catch (error) {
    if (error instanceof ConversionError) return { state: "failed", reason: error.message };
    throw error;
  }
}

/** LibreOffice's arguments: `file` converted to a PDF in `outDir`, with the user profile at `profile` (the bench runs
 * the same command bare, to compare). */
export const officeArgs = (file: string, outDir: string, profile: string) => [
  "--headless",
  "--norestore",
  "--nolockcheck",
  "--nodefault",
  "--nologo",
  `-env:UserInstallation=file://${profile}`,
  "--convert-to",
  "pdf",
  "--outdir",
  outDir,
  file,
];

/** OCRmyPDF's arguments: a searchable PDF at `output` and the recognised text at `sidecar` (the bench runs them too). */
export const ocrArgs = (o: {
  file: string;
  output: string;
  sidecar: string;
  source: "pdf" | "image";
  timeoutMs: number;
}) => [
  "-l",
  "rus+eng",
  "--rotate-pages",
  "--deskew",
  // A text layer that yields no words (broken font encodings) is replaced, not kept.
  ...(o.source === "pdf" ? ["--force-ocr"] : ["--image-dpi", "300"]),
  "--output-type",
  "pdf",
  "--optimize",
  "0",
  "--jobs",
  "1",
  "--tesseract-timeout",
  String(Math.max(10, Math.round(o.timeoutMs / 1000 / 2))),
  "--sidecar",
  o.sidecar,
  o.file,
  o.output,
];

async function renderOffice(input: RenditionInput, config: RenditionConfig, converters: Converters) {
  if (ZIP_FORMATS.has(input.extension)) await checkZip(input.file, input.extension);
  const outDir = path.join(input.workDir, "out");
  await fsp.mkdir(outDir);
  const profile = path.join(input.workDir, "profile");
  const result = await conversionSlots(config.maxConversions).run(() =>
    runTool(
      config.soffice,
      // One profile per conversion: LibreOffice locks its profile, so a shared one serialises or breaks conversions.
      officeArgs(input.file, outDir, profile),
      {
        timeoutMs: config.officeTimeoutMs,
        memoryBytes: config.memoryBytes,
        cwd: input.workDir,
        env: { HOME: input.workDir },
      },
    ),
  );
  const pdf = path.join(outDir, `${path.basename(input.file, path.extname(input.file))}.pdf`);
  if (!(await fileExists(pdf))) {
    const why = lastLine(`${result.stdout}\n${result.stderr}`);
    throw new ConversionError(`LibreOffice could not read the file${why ? `: ${why}` : ""}`);
  }
  if (!converters.poppler) return { state: "ready" as const, pages: null, ocr: false, pdf };
  const info = await pdfInfo(pdf);
  return {
    state: "ready" as const,
    pages: info.pages,
    ocr: false,
    pdf,
    thumbnail: await thumbnail(pdf, input.workDir),
    text: await pdfText(pdf, input.workDir),
  };
}

async function renderPdf(input: RenditionInput, config: RenditionConfig, converters: Converters) {
  if (!converters.poppler)
    return { state: "ready" as const, pages: null, ocr: false, note: "poppler-utils is not installed" };
  const info = await pdfInfo(input.file);
  const text = await pdfText(input.file, input.workDir, 20);
  if (judgeText(text).usable) {
    return {
      state: "ready" as const,
      pages: info.pages,
      ocr: false,
      thumbnail: await thumbnail(input.file, input.workDir),
    };
  }
  if (!converters.ocr) {
    return {
      state: "ready" as const,
      pages: info.pages,
      ocr: false,
      thumbnail: await thumbnail(input.file, input.workDir),
      note: "The PDF has no readable text and OCR is not installed on the server",
    };
  }
  if (info.encrypted) throw new ConversionError("The PDF is encrypted: its text cannot be recognised");
  if (info.pages > config.ocrMaxPages) {
    throw new ConversionError(
      `The scan has ${info.pages} pages; text is recognised in scans of up to ${config.ocrMaxPages}`,
    );
  }
  return renderScan(input, config, "pdf");
}

/** OCR: a searchable PDF whose pages are the scan's, with Tesseract's text under them. */
async function renderScan(input: RenditionInput, config: RenditionConfig, source: "pdf" | "image") {
  const output = path.join(input.workDir, "ocr.pdf");
  const sidecar = path.join(input.workDir, "ocr.txt");
  const args = ocrArgs({ file: input.file, output, sidecar, source, timeoutMs: config.ocrTimeoutMs });
  const result = await conversionSlots(config.maxConversions).run(() =>
    timed(
      runTool(config.ocrmypdf, args, {
        timeoutMs: config.ocrTimeoutMs,
        memoryBytes: config.memoryBytes,
        cwd: input.workDir,
        // One thread per Tesseract: the process bound above is the parallelism we want, not OpenMP's.
        env: { OMP_THREAD_LIMIT: "1", TMPDIR: input.workDir },
      }),
    ),
  );
  if (result.code !== 0 || !(await fileExists(output))) {
    throw new ConversionError(ocrFailure(result.code, result.stderr));
  }
  const info = await pdfInfo(output);
  if (info.pages > config.ocrMaxPages) {
    throw new ConversionError(
      `The scan has ${info.pages} pages; text is recognised in scans of up to ${config.ocrMaxPages}`,
    );
  }
  const text = await readCapped(sidecar);
  return {
    state: "ready" as const,
    pages: info.pages,
    ocr: true,
    pdf: output,
    thumbnail: await thumbnail(output, input.workDir),
    text: text.replace(/\f/g, "\n"),
  };
}

/** Feeds the OCR duration histogram (GET /metrics). */
async function timed<T extends { code: number }>(run: Promise<T>): Promise<T> {
  const stop = metrics.ocrDuration.startTimer();
  try {
    const result = await run;
    stop({ outcome: result.code === 0 ? "ready" : "failed" });
    return result;
  } catch (error) {
    stop({ outcome: "failed" });
    throw error;
  }
}

function ocrFailure(code: number, stderr: string): string {
  // Exit codes documented by OCRmyPDF.
  if (code === 8) return "The PDF is encrypted: its text cannot be recognised";
  if (code === 2 || code === 4) return `The file is not a readable scan: ${lastLine(stderr) || "input rejected"}`;
  return `Text recognition failed${lastLine(stderr) ? `: ${lastLine(stderr)}` : ""}`;
}

interface PdfInfo {
  pages: number;
  encrypted: boolean;
}

async function pdfInfo(file: string): Promise<PdfInfo> {
  const { code, stdout, stderr } = await runTool("pdfinfo", [file], { timeoutMs: QUICK_TOOL_MS, memoryBytes: 1 << 30 });
  if (code !== 0) {
    if (/password/i.test(stderr)) throw new ConversionError("The PDF is password-protected");
    throw new ConversionError(`The PDF is damaged: ${lastLine(stderr) || "pdfinfo could not read it"}`);
  }
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? "0");
  if (pages === 0) throw new ConversionError("The PDF has no pages");
  return { pages, encrypted: /^Encrypted:\s+yes/m.test(stdout) };
}

async function pdfText(file: string, workDir: string, lastPage?: number): Promise<string> {
  const out = path.join(workDir, `text-${path.basename(file)}.txt`);
  const range = lastPage ? ["-l", String(lastPage)] : [];
  const { code } = await runTool("pdftotext", [...range, "-enc", "UTF-8", file, out], {
    timeoutMs: QUICK_TOOL_MS,
    memoryBytes: 1 << 30,
  });
  return code === 0 ? readCapped(out) : "";
}

async function thumbnail(pdf: string, workDir: string): Promise<string | undefined> {
  const prefix = path.join(workDir, "thumbnail");
  const { code } = await runTool(
    "pdftoppm",
    ["-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x", "320", "-scale-to-y", "-1", pdf, prefix],
    { timeoutMs: QUICK_TOOL_MS, memoryBytes: 1 << 30 },
  );
  return code === 0 && (await fileExists(`${prefix}.png`)) ? `${prefix}.png` : undefined;
}

/** Refuses a damaged or bomb-like zip before LibreOffice spends time and memory on it. */
async function checkZip(file: string, extension: string): Promise<void> {
  const bytes = await fsp.readFile(file);
  const names = new Set<string>();
  let unpacked = 0;
  try {
    // The filter sees each entry's declared sizes and unpacks nothing.
    unzipSync(new Uint8Array(bytes), {
      filter: (entry) => {
        names.add(entry.name);
        unpacked += entry.originalSize;
        return false;
      },
    });
  } catch {
    throw new ConversionError(`The file is damaged: a .${extension} file is a zip archive and this one cannot be read`);
  }
  if (unpacked > MAX_UNPACKED_BYTES) {
    throw new ConversionError(
      `The file unpacks to ${Math.round(unpacked / 1024 / 1024)} MB (at most ${MAX_UNPACKED_BYTES / 1024 / 1024} MB): refused as a zip bomb`,
    );
  }
  const main = MAIN_PART[extension];
  if (main && !names.has(main)) throw new ConversionError(`The file is damaged: ${main} is missing`);
}

const MAIN_PART: Record<string, string> = {
  docx: "word/document.xml",
  xlsx: "xl/workbook.xml",
  pptx: "ppt/presentation.xml",
  odt: "content.xml",
  ods: "content.xml",
};

async function readCapped(file: string): Promise<string> {
  try {
    const handle = await fsp.open(file, "r");
    try {
      const buffer = Buffer.alloc(MAX_TEXT_CHARS * 2);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return "";
  }
}
