/** What other modules may use of CRM. */
export {
  findCompany,
  getCompany,
  presentCompany,
  registerCompanyUsage,
  companyIdByEmail,
  companyIdByEmailDomain,
  companyIdByInn,
} from "./crm.service.js";
