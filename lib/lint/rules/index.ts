import type { LintRule } from "../types";
import { anyType } from "./any-type";
import { creationTime } from "./creation-time";
import { idArray } from "./id-array";
import { idWithoutIndex } from "./id-without-index";
import { indexArrayField } from "./index-array-field";
import { indexFieldMissing, searchIndexFields } from "./index-fields";
import { limitFilterFields } from "./limit-filter-fields";
import { limitIndexFields } from "./limit-index-fields";
import { limitIndexes } from "./limit-indexes";
import { deepNesting, limitNesting } from "./limit-nesting";
import { limitObjectFields } from "./limit-object-fields";
import { limitVectorDimensions } from "./limit-vector-dimensions";
import { fieldNaming, tableNaming } from "./naming";
import { optionalIndexFirst } from "./optional-index-first";
import { redundantIndex } from "./redundant-index";
import { invalidTableName, nameLength, reservedNames } from "./reserved-names";

/** Every lint rule, in a fixed order. Codes are stable: never reuse one for another meaning. */
export const RULES: readonly LintRule[] = [
  invalidTableName,
  reservedNames,
  nameLength,
  indexFieldMissing,
  searchIndexFields,
  limitIndexes,
  limitIndexFields,
  limitFilterFields,
  limitVectorDimensions,
  limitNesting,
  limitObjectFields,
  idWithoutIndex,
  redundantIndex,
  indexArrayField,
  idArray,
  anyType,
  deepNesting,
  creationTime,
  optionalIndexFirst,
  fieldNaming,
  tableNaming,
];
