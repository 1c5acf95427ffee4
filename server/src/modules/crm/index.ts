/** What other modules may use of CRM. */
export {
  findCompany,
  companyNamesByIds,
  getCompany,
  referencedCompany,
  presentCompany,
  type CompanyUsage,
  companyIdByEmail,
  companyIdByEmailDomain,
  companyIdByInn,
  companyIdsMatching,
} from "./crm.service.js";
