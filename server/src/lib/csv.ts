/** CSV writing lives in @docket/common: the web builds the same files (analytics downloads). */
export { CSV_BOM, csvLine } from "@docket/common";
