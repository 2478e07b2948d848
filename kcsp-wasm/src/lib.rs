//! The WebAssembly package of kcsp: `kcsp-core` for web pages and Node.
//!
//! It converts types and maps errors; every rule lives in `kcsp-core`. Each
//! export takes a plain object (dates and money as strings, as a form holds
//! them), hands it to [`kcsp_core::json::evaluate`] and returns the result as
//! a plain object with its explanation and citations. TypeScript types come
//! from tsify: the input interfaces below and the result types of the core.
//!
//! Every failure is thrown as a JavaScript `Error` with `code` (stable,
//! snake_case), `field` (the input it concerns) and `details`. Arguments are
//! never trusted: `undefined`, a number where a string belongs or an
//! enormous string all give an error with a code, and the module goes on
//! working afterwards.

#![forbid(unsafe_code)]

#[rustfmt::skip]
mod methods;

use kcsp_core::messages::Catalogue;
use kcsp_core::registry::Rule;
use kcsp_core::{Context, Error, ErrorKind};
use std::collections::BTreeMap;
use tsify::Ts;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ALIASES: &str = r#"
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
"#;

/// The batch types (the full package's `batch` feature).
#[cfg(feature = "batch")]
#[wasm_bindgen(typescript_custom_section)]
const BATCH_TS: &str = r#"
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
"#;

/// The error codes and other unions generated from the core's registry
/// (`cargo run -p xtask -- codegen`).
#[wasm_bindgen(typescript_custom_section)]
const REGISTRY_TS: &str = include_str!("../js/registry.d.ts");

/// The longest input text accepted (16 MiB): anything longer is refused
/// before it is parsed.
const MAX_INPUT: usize = 16 << 20;

/// An `invalid_input` error at `field`: an argument of the wrong type.
fn invalid_at(field: &str, message: String) -> JsValue {
    thrown(&Error::new(ErrorKind::InvalidInput, field, message))
}

/// What a JavaScript value is, for a message: `a number`, `undefined`.
fn what(v: &JsValue) -> String {
    if v.is_undefined() {
        "undefined".into()
    } else if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "a list".into()
    } else {
        format!("a {}", v.js_typeof().as_string().unwrap_or_default())
    }
}

/// A text argument, or `invalid_input` naming it: every export checks its
/// arguments rather than let a wrong type reach the module's memory.
fn text(v: &JsValue, name: &str) -> Result<String, JsValue> {
    v.as_string()
        .ok_or_else(|| invalid_at(name, format!("{name} must be text, not {}", what(v))))
}

/// An optional text argument (`undefined` or `null` for none).
fn opt_text(v: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        text(v, name).map(Some)
    }
}

/// A list of text (`organisations`), or `invalid_input` at the bad item.
#[cfg(feature = "governance")]
fn texts(v: &JsValue, name: &str) -> Result<Vec<String>, JsValue> {
    if !js_sys::Array::is_array(v) {
        return Err(invalid_at(
            name,
            format!("{name} must be a list of text, not {}", what(v)),
        ));
    }
    js_sys::Array::from(v)
        .iter()
        .enumerate()
        .map(|(i, item)| text(&item, &format!("{name}[{i}]")))
        .collect()
}

/// A typed array of whole numbers (copied out at once), or a plain list
/// of them; otherwise `invalid_input` naming the argument or the bad item.
#[cfg(feature = "governance")]
fn numbers<T: TryFrom<i64>>(
    v: &JsValue,
    name: &str,
    typed: impl Fn(&JsValue) -> Option<Vec<T>>,
) -> Result<Vec<T>, JsValue> {
    if let Some(list) = typed(v) {
        return Ok(list);
    }
    if !js_sys::Array::is_array(v) {
        return Err(invalid_at(
            name,
            format!("{name} must be a typed array, not {}", what(v)),
        ));
    }
    js_sys::Array::from(v)
        .iter()
        .enumerate()
        .map(|(i, x)| {
            x.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .and_then(|f| T::try_from(f as i64).ok())
                .ok_or_else(|| invalid_at(&format!("{name}[{i}]"), "not a whole number in range".into()))
        })
        .collect()
}

fn thrown(e: &Error) -> JsValue {
    thrown_in(e, None, &BTreeMap::new())
}

/// A core error as a `KcspError`, its public message from `messages` (the
/// built-in English when `None`) with the form's `labels`.
fn thrown_in(e: &Error, messages: Option<&Catalogue>, labels: &BTreeMap<String, String>) -> JsValue {
    let public = messages.unwrap_or(Catalogue::english()).message_labelled(e, labels);
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("KcspError");
    let details = js_sys::Object::new();
    for (k, v) in e.details() {
        set(&details, k, &JsValue::from_str(v));
    }
    let obj: &JsValue = err.as_ref();
    set(obj, "code", &e.code().into());
    set(obj, "field", &e.field().into());
    set(obj, "details", &details);
    set(obj, "publicMessage", &public.into());
    err.into()
}

fn invalid(msg: &str) -> JsValue {
    invalid_at("", msg.into())
}

/// A JS value as JSON text, refusing what is not plain data.
fn json_text(input: &JsValue) -> Result<String, JsValue> {
    if input.is_undefined() || input.is_null() || !input.is_object() || js_sys::Array::is_array(input) {
        return Err(invalid("the input must be an object"));
    }
    let text = js_sys::JSON::stringify(input)
        .map_err(|_| invalid("the input is not plain data (a cycle, a BigInt or a function)"))?;
    let text: String = text.into();
    if text.len() > MAX_INPUT {
        return Err(invalid("the input is larger than 16 MiB"));
    }
    Ok(text)
}

/// Any JS value as JSON (for data that may be an array).
#[cfg(feature = "batch")]
fn plain(input: &JsValue) -> Result<serde_json::Value, JsValue> {
    if input.is_undefined() || input.is_null() || !input.is_object() {
        return Err(invalid("the data must be an object of columns or an array of rows"));
    }
    let text: String = js_sys::JSON::stringify(input)
        .map_err(|_| invalid("the data is not plain data (a cycle, a BigInt or a function)"))?
        .into();
    if text.len() > MAX_INPUT * 4 {
        return Err(invalid("the data is larger than 64 MiB"));
    }
    serde_json::from_str(&text).map_err(|_| invalid("the data is not plain data"))
}

fn set(o: &JsValue, k: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(o, &k.into(), v);
}

/// An object argument (a rule's input, a form, a receipt) as JSON: it
/// crosses into WebAssembly as text (the engine's own `JSON.stringify`) and
/// is checked key by key and type by type by the core, which names the field.
fn object(v: &JsValue, name: &str) -> Result<serde_json::Value, JsValue> {
    serde_json::from_str(&json_text(v)?).map_err(|_| invalid(&format!("{name} is not plain data")))
}

/// A rule's result as a plain object (through `JSON.parse`).
fn answer(out: Box<dyn kcsp_core::registry::Output>) -> Result<JsValue, JsValue> {
    parsed(&out.to_text().map_err(|_| invalid("could not return the result"))?)
}

/// How the functions of [`Rules`] show their errors: with the rules'
/// catalogue of public messages and the form's labels.
struct Shown<'a> {
    messages: Option<&'a Catalogue>,
    labels: BTreeMap<String, String>,
}

impl Shown<'_> {
    fn thrown(&self, e: &Error) -> JsValue {
        thrown_in(e, self.messages, &self.labels)
    }

    /// Errors found (not thrown) as an array of `KcspError`s.
    fn list(&self, errors: &[Error]) -> JsValue {
        errors.iter().map(|e| self.thrown(e)).collect::<js_sys::Array>().into()
    }
}

/// JSON text (from the core) as a JS value.
fn parsed(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text).map_err(|_| invalid("could not return the result"))
}

/// A partnership definition: Kent's built in, or another read from JSON
/// (the format of FORMAT.md, "The partnership definition"). Its methods are
/// generated from the core's table of them, into `src/methods.rs`.
#[wasm_bindgen]
pub struct Partnership {
    inner: kcsp_core::Partnership,
}

impl From<kcsp_core::Partnership> for Partnership {
    fn from(inner: kcsp_core::Partnership) -> Self {
        Partnership { inner }
    }
}

/// A bank-holiday calendar: England and Wales, with GOV.UK's file or days
/// added or removed. Its methods are generated from
/// the core's table of them, into `src/methods.rs`.
#[wasm_bindgen]
pub struct Calendar {
    inner: kcsp_core::Calendar,
}

impl From<kcsp_core::Calendar> for Calendar {
    fn from(inner: kcsp_core::Calendar) -> Self {
        Calendar { inner }
    }
}

/// A date argument (ISO text), or a coded error naming it.
fn date(v: &JsValue, name: &str) -> Result<chrono::NaiveDate, JsValue> {
    kcsp_core::dates::parse_date(name, &text(v, name)?).map_err(|e| thrown(&e))
}

/// An optional date argument (`undefined` or `null` for none).
fn opt_date(v: &JsValue, name: &str) -> Result<Option<chrono::NaiveDate>, JsValue> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        date(v, name).map(Some)
    }
}

/// A year argument: a whole number from 1 to 9999.
fn year(v: &JsValue, name: &str) -> Result<i32, JsValue> {
    v.as_f64()
        .filter(|y| y.fract() == 0.0 && (1.0..=9999.0).contains(y))
        .map(|y| y as i32)
        .ok_or_else(|| invalid_at(name, format!("{name} must be a whole number, not {}", what(v))))
}

/// Rows or a record (a context method's answer) as plain objects.
fn plain_data<T: serde::Serialize + ?Sized>(data: &T) -> Result<JsValue, JsValue> {
    parsed(&serde_json::to_string(data).map_err(|_| invalid("could not return the result"))?)
}

/// Errors found (not thrown) as an array of `KcspError`s.
fn problems(errors: &[Error]) -> JsValue {
    errors.iter().map(thrown).collect::<js_sys::Array>().into()
}

/// The rules in a context: Kent's, or with another partnership and calendar.
///
/// ```js
/// const rules = Rules.kent().withPartnership(Partnership.fromJson(text)).withCalendar(cal);
/// rules.evaluate("quorum", { body: "board", date: "2027-06-10", present: ["police"] });
/// rules.validate("quorum", form);   // every error at once, each with publicMessage
/// ```
#[wasm_bindgen]
pub struct Rules {
    ctx: Context,
    /// The catalogue of public messages (English when `None`).
    messages: Option<std::rc::Rc<Catalogue>>,
}

#[wasm_bindgen]
impl Rules {
    /// Kent's rules.
    pub fn kent() -> Rules {
        Rules {
            ctx: Context::kent().clone(),
            messages: None,
        }
    }

    /// These rules with the public messages of another catalogue (JSON
    /// text: `{"language": "cy", "messages": {code: message}}`; codes it
    /// lacks keep their English message): what `publicMessage` holds in
    /// their errors. Throws `invalid_input` for text of another shape.
    #[wasm_bindgen(js_name = withMessages)]
    pub fn with_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] catalogue: JsValue,
    ) -> Result<Rules, JsValue> {
        let c = Catalogue::from_json(&text(&catalogue, "catalogue")?).map_err(|e| thrown(&e))?;
        Ok(Rules {
            ctx: self.ctx.clone(),
            messages: Some(std::rc::Rc::new(c)),
        })
    }

    /// How these rules show the errors of a form with `labels` (an object
    /// mapping input keys to the form's names for them).
    fn shown(&self, labels: Option<&JsValue>) -> Result<Shown<'_>, JsValue> {
        let labels = match labels.filter(|l| !l.is_undefined() && !l.is_null()) {
            None => BTreeMap::new(),
            Some(l) => kcsp_core::input::parse(&object(l, "labels")?)
                .map_err(|_| invalid_at("labels", "labels map input keys to text".into()))?,
        };
        Ok(Shown {
            messages: self.messages.as_deref(),
            labels,
        })
    }

    /// These rules with another partnership.
    #[wasm_bindgen(js_name = withPartnership)]
    pub fn with_partnership(&self, partnership: &Partnership) -> Rules {
        Rules {
            ctx: self.ctx.clone().with_partnership(partnership.inner.clone()),
            messages: self.messages.clone(),
        }
    }

    /// These rules with another calendar.
    #[wasm_bindgen(js_name = withCalendar)]
    pub fn with_calendar(&self, calendar: &Calendar) -> Rules {
        Rules {
            ctx: self.ctx.clone().with_calendar(calendar.inner.clone()),
            messages: self.messages.clone(),
        }
    }

    /// Rule `rule` over the rows of `data` (columns, or row objects) in
    /// these rules' context, through the core's batch engine
    /// ([`kcsp_core::batch`]).
    #[cfg(feature = "batch")]
    #[wasm_bindgen(skip_typescript)]
    pub fn batch(&self, rule: JsValue, data: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let rule = text(&rule, "rule")?;
        let rule = rule.as_str();
        #[derive(serde::Deserialize, Default)]
        #[serde(default, deny_unknown_fields)]
        struct Options {
            columns: serde_json::Map<String, serde_json::Value>,
            values: serde_json::Map<String, serde_json::Value>,
            errors: Option<String>,
        }
        let options: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            kcsp_core::input::parse(&object(&options, "options")?)
                .map_err(|e| invalid(&format!("options: {}", e.message())))?
        };
        let throw = match options.errors.as_deref() {
            None | Some("keep") => false,
            Some("throw") => true,
            Some(_) => return Err(invalid("options.errors must be \"keep\" or \"throw\"")),
        };
        let data = plain(&data)?;
        let table = kcsp_core::batch::run_json(&self.ctx, rule, &data, &options.columns, &options.values)
            .map_err(|e| thrown(&e))?;
        if let (true, Some(e)) = (throw, table.errors.first()) {
            return Err(thrown(&e.error));
        }
        let columns = js_sys::Object::new();
        for (name, cells) in &table.columns {
            let cells: Vec<serde_json::Value> = cells.iter().map(|c| c.to_value()).collect();
            set(&columns, name, &parsed(&serde_json::Value::from(cells).to_string())?);
        }
        let errors = js_sys::Array::new();
        for e in &table.errors {
            let error = thrown(&e.error);
            set(&error, "row", &JsValue::from(e.row));
            set(&error, "source", &e.source.map_or(JsValue::NULL, JsValue::from));
            errors.push(&error);
        }
        let out = js_sys::Object::new();
        set(&out, "rows", &JsValue::from(table.rows()));
        set(&out, "columns", &columns);
        set(&out, "errors", &errors);
        Ok(out.into())
    }
}

/// Rule `rule` over the rows of `data` in Kent's context ([`Rules::batch`]).
#[cfg(feature = "batch")]
#[wasm_bindgen(skip_typescript)]
pub fn batch(rule: JsValue, data: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    Rules::kent().batch(rule, data, options)
}

/// The columns rule `rule`'s batch reads, in order: `[{name, required}]`.
#[cfg(feature = "batch")]
#[wasm_bindgen(js_name = batchColumns, skip_typescript)]
pub fn batch_columns(rule: JsValue) -> Result<JsValue, JsValue> {
    plain_data(&kcsp_core::batch::columns(&text(&rule, "rule")?).map_err(|e| thrown(&e))?)
}

/// The rules of this build, from the registry: id, input keys, result type,
/// family, and whether it reads a partnership or a calendar; to check a
/// form's keys or list what the build can decide.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    plain_data(kcsp_core::registry::RULES)
}

/// Every error code with its family (`input`, `calendar`, `governance`, `grant`, `dhr`).
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "Record<string, string>")]
pub fn error_codes() -> JsValue {
    let o = js_sys::Object::new();
    for k in ErrorKind::ALL {
        set(&o, k.code(), &k.domain().as_str().into());
    }
    o.into()
}

/// Quorum of many meetings from typed arrays, for high volumes: organisation
/// ids are given once in `organisations`; `codes` holds, meeting after
/// meeting, the index into `organisations` of each person present; meeting
/// `i` is `codes[ends[i-1]..ends[i]]` (from 0 for the first); `days` gives
/// each meeting's date as days since 1970-01-01 (`Date.UTC(y, m - 1, d) / 864e5`).
///
/// Returns `{ quorate: Uint8Array, count: Uint32Array, required: Uint32Array }`,
/// one entry per meeting. Errors name `meetings[i].codes[j]`.
#[cfg(feature = "governance")]
#[wasm_bindgen(js_name = quorumCoded, unchecked_return_type = "QuorumCodedColumns")]
pub fn quorum_coded(
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] organisations: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint16Array")] codes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint32Array")] ends: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Int32Array")] days: JsValue,
) -> Result<JsValue, JsValue> {
    Rules::kent().quorum_coded(body, organisations, codes, ends, days)
}

#[cfg(feature = "governance")]
#[wasm_bindgen]
impl Rules {
    /// [`quorum_coded`] in these rules' context.
    #[wasm_bindgen(js_name = quorumCoded, unchecked_return_type = "QuorumCodedColumns")]
    pub fn quorum_coded(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[]")] organisations: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint16Array")] codes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint32Array")] ends: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Int32Array")] days: JsValue,
    ) -> Result<JsValue, JsValue> {
        let body = text(&body, "body")?;
        let organisations = texts(&organisations, "organisations")?;
        let ids: Vec<&str> = organisations.iter().map(String::as_str).collect();
        use wasm_bindgen::JsCast;
        let codes: Vec<u16> = numbers(&codes, "codes", |v| {
            v.dyn_ref::<js_sys::Uint16Array>().map(|a| a.to_vec())
        })?;
        let ends: Vec<u32> = numbers(&ends, "ends", |v| {
            v.dyn_ref::<js_sys::Uint32Array>().map(|a| a.to_vec())
        })?;
        let days: Vec<i32> = numbers(&days, "days", |v| v.dyn_ref::<js_sys::Int32Array>().map(|a| a.to_vec()))?;
        let q = kcsp_core::quorum::coded_days(&self.ctx, &body, &ids, &codes, &ends, &days).map_err(|e| thrown(&e))?;
        let out = js_sys::Object::new();
        set(&out, "quorate", &js_sys::Uint8Array::from(q.quorate.as_slice()));
        set(&out, "count", &js_sys::Uint32Array::from(q.count.as_slice()));
        set(&out, "required", &js_sys::Uint32Array::from(q.required.as_slice()));
        Ok(out.into())
    }
}

/// The exports of every rule, derived from the registry
/// ([`kcsp_core::for_each_rule`]): one function per rule, named by the rule
/// in lowerCamelCase, taking the
/// rule's typed input and returning its typed result; and the entry of each
/// rule in the TypeScript map `RuleTypes` (interfaces merge), which types
/// `evaluate` and `Rules.evaluate` by rule id. A family build has the rules
/// of its family only. The names are made by `pastey`; the docs are passed
/// on untouched to [`export`].
macro_rules! exports {
    ($($(#[doc = $doc:literal])* $name:ident = $id:path, $input:ty => $output:ty,
       reads($p:literal, $c:literal), family($family:literal), batch($shape:expr), |$ctx:ident, $i:ident| $body:expr;)*) => {
        pastey::paste! {
            $(
                export! { $name, [<$name:snake>], [<$name:lower_camel>], [<$name:snake:upper _TYPES>], $family, [$($doc),*] }
            )*
        }
    };
}

/// One rule's export and its `RuleTypes` entry (see [`exports`]).
macro_rules! export {
    ($name:ident, $snake:ident, $camel:ident, $types:ident, $family:literal, [$($doc:literal),*]) => {
        $(#[doc = $doc])*
        #[cfg(feature = $family)]
        #[wasm_bindgen(js_name = $camel)]
        pub fn $snake(
            input: Ts<<kcsp_core::registry::$name as Rule>::Input>,
        ) -> Result<Ts<<kcsp_core::registry::$name as Rule>::Output>, JsValue> {
            let input = object(&input.js_value(), "input")?;
            let out = kcsp_core::api::rules::evaluate(Context::kent(), <kcsp_core::registry::$name as Rule>::ID, &input)
                .map_err(|e| thrown(&e))?;
            answer(out).map(Ts::new_unchecked)
        }

        #[cfg(feature = $family)]
        #[wasm_bindgen(typescript_custom_section)]
        const $types: &str = concat!(
            "export interface RuleTypes {\n    ",
            stringify!($snake),
            ": { input: Parameters<typeof ",
            stringify!($camel),
            ">[0]; result: ReturnType<typeof ",
            stringify!($camel),
            "> };\n}\n"
        );
    };
}

kcsp_core::for_each_rule!(exports);
