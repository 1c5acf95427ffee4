/** What other modules may use of the drive. */
export { driveRoutes } from "./drive.routes.js";
export {
  ensureDocumentFolder,
  fileDocument,
  folderPathsByIds,
  folderVisibleTo,
  moveDriveEntry,
  updateDocumentFile,
  visibleFolders,
} from "./drive.service.js";
/** The drive's rows as the WebDAV module reads and writes them (it owns no drive tables itself). */
export {
  findFolderByPath,
  findEntry,
  findVacatedEntry,
  listVisibleEntries,
  listChildFolders,
  insertFile,
  updateFile,
  deleteFile,
  insertFolder,
  foldersUnder,
  filesUnder,
  deleteFolders,
  moveFolderTree,
  type EntryRow,
  type FolderRow,
  type FileRow,
} from "./drive.repository.js";
