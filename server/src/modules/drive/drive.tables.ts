/** The shared drive: folders made by filing or by hand, and file entries (each document has one). */
export interface DriveFoldersTable {
  id: string;
  parentId: string | null; // null = a top-level folder under "/"
  name: string;
  path: string; // "/Договоры/2026": unique, so "create if missing" is one conflict-free insert
  createdBy: string | null;
  createdAt: string;
}

export interface DriveFilesTable {
  id: string;
  folderId: string;
  name: string;
  size: number;
  documentId: string | null;
  /** A plain file's bytes (null for a document's file: the document's current version holds them). */
  sha256: string | null;
  mimeType: string | null;
  createdBy: string | null;
  /** A document's file renamed to a temporary name by an office program's save: the name it had before. */
  previousName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DriveTables {
  driveFolders: DriveFoldersTable;
  driveFiles: DriveFilesTable;
}
