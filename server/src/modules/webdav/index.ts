/** What other modules may use of WebDAV: only its routes (it serves the drive at /dav/). */
export { webdavRoutes } from "./webdav.routes.js";
