/** How a stored file becomes a browser preview. */
export type RenditionKind = "pdf" | "office" | "image" | "none";

const OFFICE: Record<string, string> = {
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/msword": "doc",
  "application/vnd.oasis.opendocument.text": "odt",
  "application/rtf": "rtf",
  "text/rtf": "rtf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
};

const IMAGE: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/tiff": "tif" };

/** Zip-based formats: their declared unpacked size is checked before LibreOffice opens them. */
export const ZIP_FORMATS = new Set(["docx", "xlsx", "pptx", "odt", "ods"]);

export function renditionKindOf(mimeType: string): { kind: RenditionKind; extension: string } {
  if (mimeType === "application/pdf") return { kind: "pdf", extension: "pdf" };
  const office = OFFICE[mimeType];
  if (office) return { kind: "office", extension: office };
  const image = IMAGE[mimeType];
  if (image) return { kind: "image", extension: image };
  return { kind: "none", extension: "bin" };
}
