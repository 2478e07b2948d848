// The package's own TypeScript types (strings for dates and money, the
// error every function throws), added to pkg/kcsp_wasm.d.ts by src/lib.rs.
/** Money as a decimal string of pounds and pence, e.g. "26440.00". */
export type Money = string;
/** A percentage as a decimal string with two places, e.g. "16.67". */
export type Percent = string;
/** An ISO date, YYYY-MM-DD. */
export type NaiveDate = string;
/** A financial year such as "2022/23". */
export type FinancialYear = string;
/** The columns quorumCoded returns, one entry per meeting. */
export interface QuorumCodedColumns {
    quorate: Uint8Array;
    count: Uint32Array;
    required: Uint32Array;
}
/** The error every function throws: a JavaScript Error with a stable code. */
export interface KcspError extends Error {
    code: ErrorCode;
    field: string;
    details: Record<string, string>;
    /** The message for the public, in plain words. */
    publicMessage: string;
}
/** The id of a rule of this build (the registry's rules of its families). */
export type RuleId = keyof RuleTypes;
