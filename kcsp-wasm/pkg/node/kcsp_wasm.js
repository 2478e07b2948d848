/* @ts-self-types="./kcsp_wasm.d.ts" */

/**
 * r" Decides a removal vote: more than half of all seats, at a quorate meeting.
 * @param {ChairRemovalInput} input
 * @returns {RemovalResult}
 */
function chairRemoval(input) {
    const ret = wasm.chairRemoval(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.chairRemoval = chairRemoval;

/**
 * r" When a body's chair is next due for election.
 * @param {ChairTermInput} input
 * @returns {TermStatus}
 */
function chairTerm(input) {
    const ret = wasm.chairTerm(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.chairTerm = chairTerm;

/**
 * r" A case's stage, deadlines, open actions and next steps.
 * @param {DhrCaseInput} input
 * @returns {CaseStatus}
 */
function dhrCase(input) {
    const ret = wasm.dhrCase(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.dhrCase = dhrCase;

/**
 * r" A review's decision and report deadlines.
 * @param {DhrDeadlinesInput} input
 * @returns {Deadlines}
 */
function dhrDeadlines(input) {
    const ret = wasm.dhrDeadlines(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.dhrDeadlines = dhrDeadlines;

/**
 * r" Counts over many reviews.
 * @param {DhrPortfolioInput} input
 * @returns {Portfolio}
 */
function dhrPortfolio(input) {
    const ret = wasm.dhrPortfolio(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.dhrPortfolio = dhrPortfolio;

/**
 * r" Checks a sequence of review stages and says what may come next.
 * @param {DhrTransitionInput} input
 * @returns {TransitionResult}
 */
function dhrTransition(input) {
    const ret = wasm.dhrTransition(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.dhrTransition = dhrTransition;

/**
 * Every error code with its family (`input`, `calendar`, `governance`, `grant`, `dhr`).
 * @returns {Record<string, string>}
 */
function errorCodes() {
    const ret = wasm.errorCodes();
    return ret;
}
exports.errorCodes = errorCodes;

/**
 * Evaluates any rule by name on a plain object, as the conformance vectors
 * describe it, and returns the result object.
 * @param {string} rule
 * @param {any} input
 * @returns {any}
 */
function evaluate(rule, input) {
    const ptr0 = passStringToWasm0(rule, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.evaluate(ptr0, len0, input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.evaluate = evaluate;

/**
 * r" A grant year's figures, warnings and errors.
 * @param {LedgerInput} input
 * @returns {Ledger}
 */
function grantLedger(input) {
    const ret = wasm.grantLedger(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.grantLedger = grantLedger;

/**
 * r" The upfront share and tactical pot of an allocation.
 * @param {GrantSplitInput} input
 * @returns {Split}
 */
function grantSplit(input) {
    const ret = wasm.grantSplit(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.grantSplit = grantSplit;

/**
 * r" The grant's share of a project's total cost.
 * @param {MatchFundingInput} input
 * @returns {MatchFunding}
 */
function matchFunding(input) {
    const ret = wasm.matchFunding(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.matchFunding = matchFunding;

/**
 * r" The latest day papers can go out, and whether they did in time.
 * @param {PapersInput} input
 * @returns {PapersResult}
 */
function papersDeadline(input) {
    const ret = wasm.papersDeadline(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.papersDeadline = papersDeadline;

/**
 * r" Whether a meeting was quorate, with the seats represented and missing.
 * @param {QuorumInput} input
 * @returns {QuorumResult}
 */
function quorum(input) {
    const ret = wasm.quorum(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.quorum = quorum;

/**
 * Quorum of every meeting of an attendance register given as text: one line
 * per person present, `meeting_id<TAB>date<TAB>organisation` (a header line
 * starting `meeting_id` is skipped; blank lines are ignored). One string
 * crosses into WebAssembly, so a large register is fast.
 *
 * Returns columns with one entry per meeting, in order of first appearance:
 * `meeting_id`, `date`, `missing` (comma-separated seat ids) and `reason`
 * as string arrays, `quorate` (1/0) and `count`, `required` as typed arrays.
 * @param {string} register
 * @param {string | null} [body]
 * @returns {QuorumBatchColumns}
 */
function quorumBatch(register, body) {
    let ptr0, len0, ptr1, len1;
    try {
        ptr0 = passStringToWasm0(register, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = isLikeNone(body) ? 0 : passStringToWasm0(body, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
    } catch (e) {
        if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
        if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
        throw e;
    }
    const ret = wasm.quorumBatch(ptr0, len0, ptr1, len1);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.quorumBatch = quorumBatch;

/**
 * r" Stated figures compared with computed ones.
 * @param {ReconcileInput} input
 * @returns {Reconciliation}
 */
function reconcile(input) {
    const ret = wasm.reconcile(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.reconcile = reconcile;

/**
 * r" Whether the tactical pot can be used on a date.
 * @param {TacticalAccessInput} input
 * @returns {TacticalAccess}
 */
function tacticalAccess(input) {
    const ret = wasm.tacticalAccess(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.tacticalAccess = tacticalAccess;

/**
 * r" The status of the annual terms-of-reference review.
 * @param {TorReviewInput} input
 * @returns {ReviewStatus}
 */
function torReview(input) {
    const ret = wasm.torReview(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.torReview = torReview;

/**
 * r" Whether a date is a working day in England and Wales.
 * @param {DateInput} input
 * @returns {WorkingDay}
 */
function workingDay(input) {
    const ret = wasm.workingDay(input);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
exports.workingDay = workingDay;
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg___wbindgen_is_null_c22311b1cc228e3a: function(arg0) {
            const ret = arg0 === null;
            return ret;
        },
        __wbg___wbindgen_is_object_8b968c3ab8e96595: function(arg0) {
            const val = arg0;
            const ret = typeof(val) === 'object' && val !== null;
            return ret;
        },
        __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
            const ret = arg0 === undefined;
            return ret;
        },
        __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
            const obj = arg1;
            const ret = typeof(obj) === 'string' ? obj : undefined;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
            throw new Error(getStringFromWasm0(arg0, arg1));
        },
        __wbg_isArray_bcf1376d0d732d08: function(arg0) {
            const ret = Array.isArray(arg0);
            return ret;
        },
        __wbg_new_37eb45aaf5eeb820: function() {
            const ret = new Array();
            return ret;
        },
        __wbg_new_787b9fb330d55d78: function(arg0, arg1) {
            const ret = new Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_new_cd4348290afae586: function() {
            const ret = new Object();
            return ret;
        },
        __wbg_new_from_slice_3512352010266e02: function(arg0, arg1) {
            const ret = new Uint32Array(getArrayU32FromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_new_from_slice_b8daf545a41c6aa0: function(arg0, arg1) {
            const ret = new Uint8Array(getArrayU8FromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_parse_c3f72b5a24f83c01: function() { return handleError(function (arg0, arg1) {
            const ret = JSON.parse(getStringFromWasm0(arg0, arg1));
            return ret;
        }, arguments); },
        __wbg_set_2793479888329cb6: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = Reflect.set(arg0, arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_set_name_822e3903f3184979: function(arg0, arg1, arg2) {
            arg0.name = getStringFromWasm0(arg1, arg2);
        },
        __wbg_split_dd4b4fd9880ebd3c: function(arg0, arg1, arg2) {
            const ret = arg0.split(getStringFromWasm0(arg1, arg2));
            return ret;
        },
        __wbg_stringify_0a0fbf2ef722380a: function() { return handleError(function (arg0) {
            const ret = JSON.stringify(arg0);
            return ret;
        }, arguments); },
        __wbindgen_generic_0000000000000001: function(arg0, arg1) {
            // Cast intrinsic for `Ref(String) -> Externref`.
            const ret = getStringFromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_init_externref_table: function() {
            const table = wasm.__wbindgen_externrefs;
            table.set(0, undefined);
            table.set(1024, undefined);
            table.set(1025, null);
            table.set(1026, true);
            table.set(1027, false);
        },
    };
    return {
        __proto__: null,
        "./kcsp_wasm_bg.js": import0,
    };
}

function addToExternrefTable0(obj) {
    const idx = wasm.__externref_table_alloc();
    wasm.__wbindgen_externrefs.set(idx, obj);
    return idx;
}

function getArrayU32FromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return getUint32ArrayMemory0().subarray(ptr / 4, ptr / 4 + len);
}

function getArrayU8FromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}

let cachedDataViewMemory0 = null;
function getDataViewMemory0() {
    if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
        cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
    }
    return cachedDataViewMemory0;
}

function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}

let cachedUint32ArrayMemory0 = null;
function getUint32ArrayMemory0() {
    if (cachedUint32ArrayMemory0 === null || cachedUint32ArrayMemory0.byteLength === 0) {
        cachedUint32ArrayMemory0 = new Uint32Array(wasm.memory.buffer);
    }
    return cachedUint32ArrayMemory0;
}

let cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
    if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
        cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
    }
    return cachedUint8ArrayMemory0;
}

function handleError(f, args) {
    try {
        return f.apply(this, args);
    } catch (e) {
        const idx = addToExternrefTable0(e);
        wasm.__wbindgen_exn_store(idx);
    }
}

function isLikeNone(x) {
    return x === undefined || x === null;
}

function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;
}

function takeFromExternrefTable0(idx) {
    const value = wasm.__wbindgen_externrefs.get(idx);
    wasm.__externref_table_dealloc(idx);
    return value;
}

let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
cachedTextDecoder.decode();
function decodeText(bytes) {
    return cachedTextDecoder.decode(bytes);
}

const cachedTextEncoder = new TextEncoder();

if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}

let WASM_VECTOR_LEN = 0;

const wasmPath = `${__dirname}/kcsp_wasm_bg.wasm`;
const wasmBytes = require('fs').readFileSync(wasmPath);
const wasmModule = new WebAssembly.Module(wasmBytes);
let wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
let wasm = wasmInstance.exports;
wasm.__wbindgen_start();
