/** What other modules may use of the production calendar. */
export { loadBusinessCalendar } from "./calendar.service.js";
