// The TypeScript of batch, batchColumns and Rules.batch (the full package's
// `batch` feature), added to pkg/kcsp_wasm.d.ts by src/lib.rs.
/** How a batch reads its data ({@link batch}). */
export interface BatchOptions {
    /** The data's name for a column, where it differs: `{ meeting_id: "id" }`. */
    columns?: Record<string, string>;
    /** Input fields that hold for every row: `{ as_of: "2024-03-31" }`. */
    values?: Record<string, unknown>;
    /** `"keep"` (an error stays in its row, the default) or `"throw"` (the first is thrown). */
    errors?: "keep" | "throw";
}
/** An error of a batch: the row of the table it belongs to and the data's row it came from. */
export interface BatchError extends KcspError {
    row: number;
    source: number | null;
}
/** The answers of a batch: one entry per request in every column. */
export interface BatchTable {
    rows: number;
    /**
     * The group keys, the result's fields (its explanation as `reason`),
     * then `error_code`, `error_field`, `error_message` (a row's first error,
     * `null` for the others). Dates are ISO text, money decimal text.
     */
    columns: Record<string, unknown[]>;
    /** Every error of every row, in row order. */
    errors: BatchError[];
}
/**
 * Rule `rule` over the rows of `data` in Kent's context: columns
 * (`{ meeting_id: [...], date: [...], organisation: [...] }`) or row
 * objects. The rows are grouped as the rule needs (attendance rows into
 * meetings by body and meeting; meetings into body and financial year;
 * projects into years) and each group decided as one request; a row that
 * cannot be decided keeps its place with its errors.
 */
export function batch(rule: RuleId, data: Record<string, unknown[]> | Record<string, unknown>[], options?: BatchOptions): BatchTable;
/** The columns rule `rule`'s batch reads, in order. */
export function batchColumns(rule: RuleId): BatchColumn[];
export interface Rules {
    /** Rule `rule` over the rows of `data` in these rules' context ({@link batch}). */
    batch(rule: RuleId, data: Record<string, unknown[]> | Record<string, unknown>[], options?: BatchOptions): BatchTable;
}
