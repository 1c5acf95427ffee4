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
  createdAt: string;
  updatedAt: string;
}

export interface DriveTables {
  driveFolders: DriveFoldersTable;
  driveFiles: DriveFilesTable;
}
