/** What other modules may use of users. */
export {
  activeUsers,
  userNamesByIds,
  assertActiveUsers,
  countUsers,
  createUser,
  findUserForLogin,
  getUser,
  hashPassword,
  isActiveUser,
  presentUser,
  setRoleFromDirectory,
} from "./users.service.js";
export type { UserRow } from "./users.repository.js";
