/** What the rest of the server may use of document templates. */
export { templatesRoutes } from "./templates.routes.js";
export { generateInWork } from "./template-generation.js";
export type { TemplateUsage } from "./templates.service.js";
export { templateHashes } from "./templates.repository.js";

/** A template that robots may name: it exists and is not archived. */
export { findTemplate } from "./templates.repository.js";
