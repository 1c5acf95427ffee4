import { z } from "zod";

/** Settings of the external converters (LibreOffice, OCRmyPDF, poppler), read from the environment once. */
export interface RenditionConfig {
  /** Command that runs LibreOffice; "none" turns office previews off. */
  soffice: string;
  /** Command that runs OCRmyPDF; "none" turns OCR off. */
  ocrmypdf: string;
  /** Conversions (LibreOffice or OCR) running at once in this process. */
  maxConversions: number;
  officeTimeoutMs: number;
  ocrTimeoutMs: number;
  /** A scan with more pages is not OCR'd (it ends "failed" with that reason). */
  ocrMaxPages: number;
  /** Address-space cap of each external process (prlimit --as). */
  memoryBytes: number;
}

const positiveInt = (fallback: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().default(fallback));
const command = (fallback: string) => z.preprocess((v) => (v === "" ? undefined : v), z.string().default(fallback));

const envSchema = z.object({
  DOCKET_SOFFICE: command("soffice"),
  DOCKET_OCRMYPDF: command("ocrmypdf"),
  DOCKET_CONVERSIONS: positiveInt(1),
  DOCKET_OFFICE_TIMEOUT_S: positiveInt(120),
  DOCKET_OCR_TIMEOUT_S: positiveInt(300),
  DOCKET_OCR_MAX_PAGES: positiveInt(50),
  DOCKET_CONVERSION_MEMORY_MB: positiveInt(2048),
});

export const renditionEnvSchema = envSchema;

export function renditionConfigFrom(e: z.infer<typeof envSchema>): RenditionConfig {
  return {
    soffice: e.DOCKET_SOFFICE,
    ocrmypdf: e.DOCKET_OCRMYPDF,
    maxConversions: e.DOCKET_CONVERSIONS,
    officeTimeoutMs: e.DOCKET_OFFICE_TIMEOUT_S * 1000,
    ocrTimeoutMs: e.DOCKET_OCR_TIMEOUT_S * 1000,
    ocrMaxPages: e.DOCKET_OCR_MAX_PAGES,
    memoryBytes: e.DOCKET_CONVERSION_MEMORY_MB * 1024 * 1024,
  };
}
