import {
  absenceSchema,
  createAbsenceBody,
  createDepartmentBody,
  departmentSchema,
  listOf,
  updateDepartmentBody,
} from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import * as absences from "./absences.service.js";
import * as departments from "./departments.service.js";
import { idParams } from "../../http/route-params.js";

export function peopleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["people"];
  const admin = { access: "admin" as const };

  r.get("/api/departments", { schema: { tags, response: { 200: listOf(departmentSchema) } } }, async () =>
    departments.listDepartments(ctx),
  );
  r.post(
    "/api/departments",
    { config: admin, schema: { tags, body: createDepartmentBody, response: { 201: departmentSchema } } },
    async (request, reply) =>
      reply.status(201).send(await departments.createDepartment(ctx, requireActor(request), request.body)),
  );
  r.patch(
    "/api/departments/:id",
    {
      config: admin,
      schema: { tags, params: idParams, body: updateDepartmentBody, response: { 200: departmentSchema } },
    },
    async (request) => departments.updateDepartment(ctx, requireActor(request), request.params.id, request.body),
  );
  r.delete("/api/departments/:id", { config: admin, schema: { tags, params: idParams } }, async (request, reply) => {
    await departments.deleteDepartment(ctx, requireActor(request), request.params.id);
    return reply.status(204).send();
  });

  r.get(
    "/api/users/:id/absences",
    { schema: { tags, params: idParams, response: { 200: listOf(absenceSchema) } } },
    async (request) => absences.listAbsences(ctx, requireActor(request), request.params.id),
  );
  r.post(
    "/api/users/:id/absences",
    { schema: { tags, params: idParams, body: createAbsenceBody, response: { 201: absenceSchema } } },
    async (request, reply) =>
      reply.status(201).send(await absences.createAbsence(ctx, requireActor(request), request.params.id, request.body)),
  );
  r.delete("/api/absences/:id", { schema: { tags, params: idParams } }, async (request, reply) => {
    await absences.deleteAbsence(ctx, requireActor(request), request.params.id);
    return reply.status(204).send();
  });
}
