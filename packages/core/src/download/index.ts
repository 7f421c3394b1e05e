export { createDownloadHandler } from "./handler.ts";
