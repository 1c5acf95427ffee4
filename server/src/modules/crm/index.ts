/** What other modules may use of CRM. */
export { findCompany, getCompany, presentCompany, registerCompanyUsage } from "./crm.service.js";
