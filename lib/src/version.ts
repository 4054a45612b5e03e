/** The version of the mixmodeler library, as in lib/package.json. */
export const VERSION = '0.1.0';
