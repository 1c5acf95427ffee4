import { z } from "zod";
import { idSchema, isoTimestamp, optionalText, requiredText } from "./common.js";

export const roleSchema = z.enum(["admin", "user"]);
export type Role = z.infer<typeof roleSchema>;
export const localeSchema = z.enum(["ru", "en"]);
export type Locale = z.infer<typeof localeSchema>;

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .transform((s) => s.toLowerCase())
  .pipe(z.email());
export const passwordSchema = z.string().min(8).max(256);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  active: z.boolean(),
  locale: localeSchema,
  emailNotifications: z.boolean(),
  /** "each": an email per notification; "digest": one a working day; "off": none. */
  emailMode: z.enum(["each", "digest", "off"]),
  departmentId: z.string().nullable(),
  position: z.string().nullable(),
  createdAt: isoTimestamp,
});
export type User = z.infer<typeof userSchema>;

export const createUserBody = z.object({
  email: emailSchema,
  name: requiredText(200),
  password: passwordSchema,
  role: roleSchema.default("user"),
  locale: localeSchema.optional(),
  departmentId: idSchema.nullable().optional(),
  position: optionalText(200),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    email: emailSchema,
    name: requiredText(200),
    password: passwordSchema,
    role: roleSchema,
    active: z.boolean(),
    locale: localeSchema,
    emailNotifications: z.boolean(),
    /** Required with `password` when users change their own password. */
    currentPassword: z.string().max(256),
    emailMode: z.enum(["each", "digest", "off"]),
    departmentId: idSchema.nullable(),
    position: optionalText(200),
  })
  .partial()
  .strict();
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const setupBody = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: requiredText(200),
});

export const loginBody = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .transform((s) => s.toLowerCase()),
  password: z.string().max(256),
});

export const sessionResponse = z.object({
  user: userSchema,
  csrfToken: z.string(),
  /** The office's time zone (DOCKET_TZ): numbering periods, folders and working time are reckoned in it. */
  timeZone: z.string(),
});
export type Session = z.infer<typeof sessionResponse>;

export const createTokenBody = z.object({ name: requiredText(100) });
export const tokenCreatedResponse = z.object({ id: z.string(), name: z.string(), token: z.string() });
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: isoTimestamp,
  lastUsedAt: isoTimestamp.nullable(),
});
