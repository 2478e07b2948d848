/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const chairRemoval: (a: any) => [number, number, number];
export const chairTerm: (a: any) => [number, number, number];
export const dhrCase: (a: any) => [number, number, number];
export const dhrDeadlines: (a: any) => [number, number, number];
export const dhrPortfolio: (a: any) => [number, number, number];
export const dhrTransition: (a: any) => [number, number, number];
export const errorCodes: () => any;
export const evaluate: (a: number, b: number, c: any) => [number, number, number];
export const grantLedger: (a: any) => [number, number, number];
export const grantSplit: (a: any) => [number, number, number];
export const matchFunding: (a: any) => [number, number, number];
export const papersDeadline: (a: any) => [number, number, number];
export const quorum: (a: any) => [number, number, number];
export const quorumBatch: (a: number, b: number, c: number, d: number) => [number, number, number];
export const reconcile: (a: any) => [number, number, number];
export const tacticalAccess: (a: any) => [number, number, number];
export const torReview: (a: any) => [number, number, number];
export const workingDay: (a: any) => [number, number, number];
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_exn_store: (a: number) => void;
export const __externref_table_alloc: () => number;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
