import { calendarYearParam, calendarYearSchema, putCalendarBody } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import * as calendar from "./calendar.service.js";

const yearParams = z.object({ year: calendarYearParam });

export function calendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["calendar"];
  r.get(
    "/api/calendar/:year",
    { schema: { tags, params: yearParams, response: { 200: calendarYearSchema } } },
    async (request) => calendar.getCalendarYear(ctx, request.params.year),
  );
  r.put(
    "/api/calendar/:year",
    {
      config: { access: "admin" },
      schema: { tags, params: yearParams, body: putCalendarBody, response: { 200: calendarYearSchema } },
    },
    async (request) => calendar.putCalendarYear(ctx, requireActor(request), request.params.year, request.body),
  );
}
