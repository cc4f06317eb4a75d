/** The add-on's version, shown in About; bumped with each release pushed by `npm run deploy`. */
export const VERSION = "0.1.0";
