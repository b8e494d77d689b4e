/* An error page: only the frame (header, language switch) and its message, worded by data-i18n. */
import { startFrame } from "./frame.js";

startFrame();
document.body.dataset.ready = "1";
