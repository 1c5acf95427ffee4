/** What other modules may use of people (departments, managers, absences and deputies). */
export { absentAmong, actingFor, actingPersonFor } from "./deputies.js";
export { assertDepartmentExists } from "./departments.service.js";
export { managerOf } from "./managers.js";
