/** Small wording helpers shared by every view (pure, browser-safe). */
export { count, plural, pluralOf } from "./plural";
