/** What the rest of the server may use of email intake. */
export { intakeRoutes } from "./intake.routes.js";
export { intakeState } from "./intake.status.js";
export { pollMailbox, type PollResult } from "./intake.service.js";
export { scheduleIntakePoll, intakePollJob } from "./intake.jobs.js";
