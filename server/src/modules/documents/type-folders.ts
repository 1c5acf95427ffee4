import type { Db } from "../../db/database.js";
import { sanitizeName } from "@docket/common";

/** A document type's folder template as a matcher over drive paths ("Договоры/{yyyy}" ↔ "/Договоры/2026"). */
interface TypeFolder {
  typeId: string;
  access: "all" | "participants";
  pattern: RegExp;
  /** The path up to the first placeholder: "/Договоры" for "Договоры/{yyyy}". */
  staticRoot: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const TOKEN_PATTERN: Record<string, string> = { yyyy: "\\d{4}", yy: "\\d{2}", mm: "\\d{2}", company: "[^/]+" };

function compile(row: {
  id: string;
  name: string;
  folderTemplate: string;
  access: "all" | "participants";
}): TypeFolder {
  const segments = row.folderTemplate
    .split("/")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const firstDynamic = segments.findIndex((s) => /\{(yyyy|yy|mm|type|company)\}/.test(s));
  const parts = segments.map((segment) =>
    segment
      .split(/(\{(?:yyyy|yy|mm|type|company)\})/)
      .map((piece) => {
        const token = /^\{(\w+)\}$/.exec(piece)?.[1];
        if (token === "type") return escape(sanitizeName(row.name) || "_");
        return token && TOKEN_PATTERN[token] ? TOKEN_PATTERN[token] : escape(piece);
      })
      .join(""),
  );
  return {
    typeId: row.id,
    access: row.access,
    pattern: new RegExp(`^/${parts.join("/")}$`, "u"),
    staticRoot: `/${(firstDynamic < 0 ? segments : segments.slice(0, firstDynamic)).join("/")}`,
  };
}

async function typeFolders(db: Db): Promise<TypeFolder[]> {
  const rows = await db
    .selectFrom("documentTypes")
    .select(["id", "name", "folderTemplate", "access"])
    .orderBy("code")
    .execute();
  return rows.map(compile);
}

/** The document type whose folder template this drive folder matches, if any (a file put there is registered). */
export async function typeForFolder(db: Db, folderPath: string): Promise<string | null> {
  return (await typeFolders(db)).find((t) => t.pattern.test(folderPath))?.typeId ?? null;
}

/**
 * Folders below the fixed part of a participants-only type's template ("/Договоры/2026" under "/Договоры") hold
 * documents some people may not see: such a folder shows only to those who can see something inside it.
 */
export async function restrictedFolderRoots(db: Db): Promise<string[]> {
  return (await typeFolders(db)).filter((t) => t.access === "participants").map((t) => t.staticRoot);
}
