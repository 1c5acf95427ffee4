import {
  companySchema,
  contactSchema,
  createCompanyBody,
  createContactBody,
  listOf,
  listQuery,
  updateCompanyBody,
  updateContactBody,
} from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import * as crm from "./crm.service.js";
import { idParams } from "../../http/route-params.js";

const searchQuery = listQuery.extend({ q: z.string().trim().max(200).optional() });

export function crmRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const companyTags = ["crm"];

  r.get(
    "/api/companies",
    { schema: { tags: companyTags, querystring: searchQuery, response: { 200: listOf(companySchema) } } },
    async (request) => crm.listCompanies(ctx, request.query),
  );
  r.post(
    "/api/companies",
    { schema: { tags: companyTags, body: createCompanyBody, response: { 201: companySchema } } },
    async (request, reply) => reply.status(201).send(await crm.createCompany(ctx, requireActor(request), request.body)),
  );
  r.get(
    "/api/companies/:id",
    { schema: { tags: companyTags, params: idParams, response: { 200: companySchema } } },
    async (request) => crm.getCompany(ctx, request.params.id),
  );
  r.patch(
    "/api/companies/:id",
    { schema: { tags: companyTags, params: idParams, body: updateCompanyBody, response: { 200: companySchema } } },
    async (request) => crm.updateCompany(ctx, requireActor(request), request.params.id, request.body),
  );
  r.delete(
    "/api/companies/:id",
    { config: { access: "admin" }, schema: { tags: companyTags, params: idParams } },
    async (request, reply) => {
      await crm.deleteCompany(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    "/api/contacts",
    {
      schema: {
        tags: companyTags,
        querystring: searchQuery.extend({ companyId: z.string().max(64).optional() }),
        response: { 200: listOf(contactSchema) },
      },
    },
    async (request) => crm.listContacts(ctx, request.query),
  );
  r.post(
    "/api/contacts",
    { schema: { tags: companyTags, body: createContactBody, response: { 201: contactSchema } } },
    async (request, reply) => reply.status(201).send(await crm.createContact(ctx, requireActor(request), request.body)),
  );
  r.get(
    "/api/contacts/:id",
    { schema: { tags: companyTags, params: idParams, response: { 200: contactSchema } } },
    async (request) => crm.getContact(ctx, request.params.id),
  );
  r.patch(
    "/api/contacts/:id",
    { schema: { tags: companyTags, params: idParams, body: updateContactBody, response: { 200: contactSchema } } },
    async (request) => crm.updateContact(ctx, requireActor(request), request.params.id, request.body),
  );
  r.delete("/api/contacts/:id", { schema: { tags: companyTags, params: idParams } }, async (request, reply) => {
    await crm.deleteContact(ctx, requireActor(request), request.params.id);
    return reply.status(204).send();
  });
}
