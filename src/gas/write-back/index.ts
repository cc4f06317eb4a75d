/** Optional write-back of "next step" tasks to amoCRM (docs/alerts.md): preview, then confirm. */
export { confirmWriteBack, type WriteBackResult } from "./confirm";
export { previewWriteBack, type WriteBackDeal } from "./preview";
