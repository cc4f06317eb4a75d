export { type EffectiveFormat, effectiveFormat } from "./conditional";
export { customFunctionNames } from "./custom-functions";
export { FormulaEngine, fromScript } from "./engine";
export { FormulaSyntaxError, parseFormula } from "./parser";
export { type CellValue, FormulaError } from "./values";
