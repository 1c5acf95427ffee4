/**
 * The largest `/Count` in a PDF's uncompressed objects: the page count a page tree declares, found without parsing.
 * It lets a PDF of tens of thousands of pages be refused before pdf.js builds anything for it. Page trees kept in
 * compressed object streams are not seen here; the thread's memory and time limits still bound those.
 */
export function declaredPageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let most = 0;
  for (const match of text.matchAll(/\/Count\s+(\d{1,9})/g)) most = Math.max(most, Number(match[1]));
  return most;
}
