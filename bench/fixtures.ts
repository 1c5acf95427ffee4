import { api, multipartBody, samplePdf, type Docket } from "./lib.js";

export async function contractType(d: Docket, code = "contract"): Promise<{ id: string }> {
  return api(d, "POST", "/api/document-types", {
    code,
    name: `Договор ${code}`,
    folder: "Договоры/{yyyy}",
    numbering: { template: "Д-{yyyy}-{n:6}", reset: "year" },
    statuses: [
      { code: "draft", name: "Черновик", color: "#868e96", initial: true },
      { code: "review", name: "На согласовании", color: "#fab005" },
      { code: "signed", name: "Подписан", color: "#40c057", final: true },
    ],
    fields: [],
    access: "all",
  });
}

/** Registers `file` as a document of `typeId` (with any other form fields) through the API; throws unless 201. */
export async function uploadFile(
  d: Docket,
  typeId: string,
  file: { name: string; type: string; data: Buffer },
  fields: Record<string, string> = {},
) {
  const { body, contentType } = multipartBody({ typeId, ...fields }, file);
  const res = await fetch(`${d.url}/api/documents`, {
    method: "POST",
    headers: { authorization: `Bearer ${d.token}`, "content-type": contentType },
    body,
  });
  if (res.status !== 201) throw new Error(`upload → ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; number: string };
}

/** A titled ~100 KB contract PDF, distinct per `seed`. */
export function upload(d: Docket, typeId: string, seed: number, pdf = samplePdf(100 * 1024, seed)) {
  const file = { name: `dogovor-${seed}.pdf`, type: "application/pdf", data: pdf };
  return uploadFile(d, typeId, file, { title: `Договор поставки ${seed}` });
}
