import { TEMPLATE_PLACEHOLDERS } from "@docket/common";
import type Docxtemplater from "docxtemplater";
import type PizZip from "pizzip";
import { EXTRACTION_LIMITS, readZipEntries } from "../documents/index.js";

/** A file that is not a DOCX template Docket can fill (not a zip, no document part, a bomb, a broken `{{` … `}}`). */
export class TemplateUnreadable extends Error {
  override readonly name = "TemplateUnreadable";
}

/** A template's inflated parts together may not pass this (a real letter or contract is well under a few MB). */
const MAX_TEMPLATE_INFLATED_BYTES = 64 * 2 ** 20;

type Values = Record<string, string>;

/** docxtemplater and pizzip (~26 MB resident) are loaded when a template is first read, not at start. */
async function libraries() {
  const [{ default: Docxtemplater }, { default: PizZip }] = await Promise.all([
    import("docxtemplater"),
    import("pizzip"),
  ]);
  return { Docxtemplater, PizZip };
}
type Libraries = Awaited<ReturnType<typeof libraries>>;

/**
 * pizzip inflates the whole archive in memory, so the archive is first read through the documents module's bounded
 * inflate: every entry, streamed in slices, refused as soon as it (or the whole) passes the limits whatever its
 * headers claim. Only then is it handed to pizzip.
 */
function openBounded({ PizZip }: Libraries, docx: Buffer): PizZip {
  let total = 0;
  let tooBig = false;
  let found: Set<string>;
  try {
    found = readZipEntries(
      docx,
      () => true,
      (_, chunk) => {
        total += chunk.length;
        tooBig = total > MAX_TEMPLATE_INFLATED_BYTES;
        return !tooBig;
      },
      {
        maxBytes: EXTRACTION_LIMITS.maxInflatedBytes,
        maxRatio: EXTRACTION_LIMITS.maxInflateRatio,
        ratioAfterBytes: EXTRACTION_LIMITS.inflateRatioAfterBytes,
      },
    );
  } catch (error) {
    throw new TemplateUnreadable(`the file is not a DOCX Docket can read: ${(error as Error).message}`);
  }
  if (tooBig)
    throw new TemplateUnreadable(`the file inflates to more than ${MAX_TEMPLATE_INFLATED_BYTES / 2 ** 20} MB`);
  if (!found.has("word/document.xml")) throw new TemplateUnreadable("the file is not a DOCX (no word/document.xml)");
  try {
    return new PizZip(docx);
  } catch {
    throw new TemplateUnreadable("the file is not a DOCX (not a zip archive)");
  }
}

/**
 * docxtemplater joins the text of Word's runs before it looks for tags, so `{{company.name}}` typed with a correction
 * in the middle — split by Word into several runs — is still one placeholder. Values are flat: the tag's whole text
 * (`company.name`) is the key, so no expression language is ever evaluated from a template. A loop or raw-XML tag
 * (`{{#x}}`, `{{@x}}`) is recorded with its sign, so it is refused as unknown rather than run.
 */
async function compile(docx: Buffer, onTag: (tag: string) => void, values: Values = {}): Promise<Docxtemplater> {
  const libs = await libraries();
  const zip = openBounded(libs, docx);
  try {
    return new libs.Docxtemplater(zip, {
      delimiters: { start: "{{", end: "}}" },
      paragraphLoop: true,
      linebreaks: true,
      // Called once per tag while compiling, loops' insides included, before anything is rendered.
      parser: (tag: string, meta?: { tag?: { module?: string } }) => {
        const name = tag.trim();
        const module = meta?.tag?.module;
        onTag(module ? `${moduleSign(module)}${name}` : name);
        return { get: () => values[name] ?? "" };
      },
      nullGetter: () => "",
      errorLogging: false,
    });
  } catch (error) {
    throw new TemplateUnreadable(explain(error));
  }
}

const moduleSign = (module: string) => (module === "loop" ? "#" : module === "rawxml" ? "@" : `${module}:`);

function render(doc: Docxtemplater): void {
  try {
    doc.render({});
  } catch (error) {
    throw new TemplateUnreadable(explain(error));
  }
}

/** Every placeholder in the template (body, headers, footers), each once. */
export async function placeholdersOf(docx: Buffer): Promise<string[]> {
  const tags = new Set<string>();
  await compile(docx, (tag) => tags.add(tag));
  return [...tags];
}

/** Placeholders that are neither in the contract's list nor a custom field of the type. */
export function unknownPlaceholders(placeholders: string[], fieldKeys: string[]): string[] {
  const known = new Set<string>([...TEMPLATE_PLACEHOLDERS, ...fieldKeys.map((k) => `fields.${k}`)]);
  return placeholders.filter((p) => !known.has(p));
}

/** The template with every placeholder replaced by its value (a missing value becomes empty text). */
export async function fillTemplate(docx: Buffer, values: Values): Promise<Buffer> {
  const doc = await compile(docx, () => {}, values);
  render(doc);
  const zip = doc.getZip() as PizZip;
  return zip.generate({ type: "nodebuffer", compression: "DEFLATE" });
}

/** docxtemplater's errors carry a list of explanations (one per bad tag); they name the tag and where it is. */
function explain(error: unknown): string {
  const e = error as { properties?: { errors?: { properties?: { explanation?: string } }[]; explanation?: string } };
  const parts = e.properties?.errors?.map((x) => x.properties?.explanation).filter(Boolean) ?? [];
  if (parts.length > 0) return parts.join("; ");
  return e.properties?.explanation ?? (error instanceof Error ? error.message : String(error));
}
