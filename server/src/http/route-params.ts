import { z } from "zod";

/** `:id` in a route's path. */
export const idParams = z.object({ id: z.string().max(64) });
