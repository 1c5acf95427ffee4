import { z } from "zod";
import { isoTimestamp, optionalText, requiredText } from "./common.js";
import { isValidInn, isValidKpp } from "./inn.js";

const innField = z
  .string()
  .trim()
  .max(12)
  .refine((s) => s === "" || isValidInn(s), { message: "INN checksum is invalid (10 or 12 digits)" })
  .transform((s) => (s === "" ? null : s))
  .nullable()
  .optional();
const kppField = z
  .string()
  .trim()
  .max(9)
  .refine((s) => s === "" || isValidKpp(s), {
    message: "KPP must be 9 characters: 4 digits, 2 digits or letters, 3 digits",
  })
  .transform((s) => (s === "" ? null : s))
  .nullable()
  .optional();
const optionalEmail = z
  .string()
  .trim()
  .max(254)
  .refine((s) => s === "" || z.email().safeParse(s).success, { message: "Invalid email address" })
  .transform((s) => (s === "" ? null : s.toLowerCase()))
  .nullable()
  .optional();
const optionalPhone = z
  .string()
  .trim()
  .max(40)
  .refine((s) => s === "" || /^[+\d][\d\s()-]{2,39}$/.test(s), { message: "Invalid phone number" })
  .transform((s) => (s === "" ? null : s))
  .nullable()
  .optional();

export const companySchema = z.object({
  id: z.string(),
  name: z.string(),
  inn: z.string().nullable(),
  kpp: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: isoTimestamp,
});
export type Company = z.infer<typeof companySchema>;

const companyFields = {
  name: requiredText(300),
  inn: innField,
  kpp: kppField,
  address: optionalText(500),
  phone: optionalPhone,
  email: optionalEmail,
};
export const createCompanyBody = z.object(companyFields).strict();
export type CreateCompanyBody = z.infer<typeof createCompanyBody>;
export const updateCompanyBody = z.object(companyFields).partial().strict();
export type UpdateCompanyBody = z.infer<typeof updateCompanyBody>;

export const contactSchema = z.object({
  id: z.string(),
  name: z.string(),
  companyId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  position: z.string().nullable(),
  createdAt: isoTimestamp,
});
export type Contact = z.infer<typeof contactSchema>;

const contactFields = {
  name: requiredText(300),
  companyId: z.string().max(64).nullable().optional(),
  email: optionalEmail,
  phone: optionalPhone,
  position: optionalText(200),
};
export const createContactBody = z.object(contactFields).strict();
export type CreateContactBody = z.infer<typeof createContactBody>;
export const updateContactBody = z.object(contactFields).partial().strict();
export type UpdateContactBody = z.infer<typeof updateContactBody>;
