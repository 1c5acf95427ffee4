// Entry of the text extraction thread: worker threads do not inherit the tsx loader, so it is registered here.
import { register } from "tsx/esm/api";

register();
await import("./text-extraction.worker.ts");
