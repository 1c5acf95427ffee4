/** What other modules may use of the drive. */
export { driveRoutes } from "./drive.routes.js";
export { fileDocument, folderPathsByIds, moveDriveEntry, updateDocumentFile } from "./drive.service.js";
