/** The optimizer's checks, each with a stable code, and `checkOptimizations` running them all. */
import type { Finding } from "../types";
import { filterExistingIndex } from "./opt101-filter-existing-index";
import { unboundedCollect } from "./opt102-unbounded-collect";
import { indexOrder } from "./opt103-index-order";
import { redundantIndex } from "./opt104-redundant-index";
import { unusedIndex } from "./opt105-unused-index";
import { searchFilterField } from "./opt106-search-filter-field";
import { idFilterNoIndex } from "./opt107-id-filter-no-index";
import { filterNoIndex } from "./opt108-filter-no-index";
import { unknownIndex } from "./opt109-unknown-index";
import { scanForId } from "./opt110-scan-for-id";
import type { CheckInput, OptimizerCheck } from "./shared";
import { dedupe } from "./shared";

export type { CheckInput, OptimizerCheck } from "./shared";

/** Every check, in code order. */
export const CHECKS: OptimizerCheck[] = [
  filterExistingIndex,
  unboundedCollect,
  indexOrder,
  redundantIndex,
  unusedIndex,
  searchFilterField,
  idFilterNoIndex,
  filterNoIndex,
  unknownIndex,
  scanForId,
];

/**
 * Runs every optimizer check over a schema and the analysis of its functions (and data statistics when
 * given). Findings are deduplicated per place and sorted by file, line and column.
 */
export function checkOptimizations(input: CheckInput): Finding[] {
  return dedupe(CHECKS.flatMap((c) => c.check(input)));
}
