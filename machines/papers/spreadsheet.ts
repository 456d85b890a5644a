/**
 * Cells of an exported list. A text that a spreadsheet would read as a formula (starting with "=", "+", "-", "@", a tab
 * or a carriage return) is written with a leading apostrophe, so opening the file never runs it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const neutralised = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
