//! The native part of the `kcsp` Python package (`kcsp._kcsp`).
//!
//! It converts types and maps errors; every rule lives in `kcsp-core`. Single
//! decisions go through [`kcsp_core::json::evaluate`] as JSON text (the Python
//! layer turns dates, decimals and results into Python types); the batch
//! functions take columns of Python objects for speed and return columns
//! that drop straight into `pandas.DataFrame(...)`.
//!
//! Every failure is raised as `NativeError(code, field, message, details)`,
//! which the Python layer re-raises as the matching `KcspError` subclass. A
//! panic, which the core is written never to raise, is caught here and raised
//! as `NativeError("internal_error", …)` rather than reaching Python.

#![forbid(unsafe_code)]

use chrono::NaiveDate;
use kcsp_core::quorum::{self, Attendance};
use kcsp_core::{dates, papers, Calendar, Error, ErrorKind, Partnership};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use std::borrow::Cow;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

pyo3::create_exception!(_kcsp, NativeError, PyValueError, "An error from kcsp-core: args are (code, field, message, details_json).");

fn native(e: &Error) -> PyErr {
    let details = serde_json::to_string(e.details()).unwrap_or_else(|_| "{}".into());
    NativeError::new_err((e.code(), e.field().to_string(), e.message().to_string(), details))
}

fn internal(what: &str) -> PyErr {
    NativeError::new_err(("internal_error", String::new(), format!("kcsp failed unexpectedly in {what}"), "{}".to_string()))
}

/// Runs `f`, turning a core error into `NativeError` and a panic into `internal_error`.
fn guarded<T>(what: &str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(internal(what)))
}

/// Evaluates a rule on a JSON input object and returns the result as JSON text.
#[pyfunction]
fn evaluate(rule: &str, input_json: &str) -> PyResult<String> {
    guarded("evaluate", || kcsp_core::json::evaluate_str(rule, input_json).map_err(|e| native(&e)))
}

/// Every error code: (code, domain, description).
#[pyfunction]
fn error_catalogue() -> Vec<(&'static str, &'static str)> {
    ErrorKind::ALL.iter().map(|k| (k.code(), k.domain())).collect()
}

/// The rules `evaluate` accepts, with their input keys.
#[pyfunction]
fn rules() -> Vec<(&'static str, Vec<&'static str>)> {
    kcsp_core::json::RULES.iter().map(|(r, k)| (*r, k.to_vec())).collect()
}

/// The items of a list or tuple (anything else is iterated).
fn items<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if let Ok(list) = obj.cast::<PyList>() {
        return Ok(list.iter().collect());
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return Ok(t.iter().collect());
    }
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!("{what} must be a sequence, not a string")));
    }
    obj.try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{what} must be a sequence")))?
        .collect()
}

/// Text of an id: a `str` as it is; with `allow_int`, an `int` in decimal
/// (meeting ids may be numbers); anything else is a TypeError.
fn text<'a>(obj: &'a Bound<'_, PyAny>, field: &str, allow_int: bool) -> PyResult<Cow<'a, str>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Cow::Borrowed(s.to_str()?));
    }
    if allow_int && obj.is_instance_of::<pyo3::types::PyInt>() && !obj.is_instance_of::<pyo3::types::PyBool>() {
        return Ok(Cow::Owned(obj.str()?.to_str()?.to_string()));
    }
    let what = if allow_int { "a str or an int" } else { "a str" };
    Err(PyTypeError::new_err(format!("{field} must be {what}, not {}", obj.get_type().name()?)))
}

/// Dates from Python objects, converted once per distinct object: a
/// `datetime.date` or an ISO `YYYY-MM-DD` string; a `datetime.datetime` is refused.
struct Dates<'py> {
    cache: HashMap<usize, NaiveDate>,
    datetime: Bound<'py, PyAny>,
}

impl<'py> Dates<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        Ok(Dates { cache: HashMap::new(), datetime: py.import("datetime")?.getattr("datetime")? })
    }

    fn get(&mut self, obj: &Bound<'py, PyAny>, field: &str) -> PyResult<NaiveDate> {
        let key = obj.as_ptr() as usize;
        if let Some(d) = self.cache.get(&key) {
            return Ok(*d);
        }
        let d = if let Ok(s) = obj.cast::<PyString>() {
            dates::parse_date(field, s.to_str()?).map_err(|e| native(&e))?
        } else if obj.is_instance(&self.datetime)? {
            return Err(PyTypeError::new_err(format!("{field} must be a datetime.date, not a datetime.datetime")));
        } else {
            obj.extract::<NaiveDate>()
                .map_err(|_| PyTypeError::new_err(format!("{field} must be a datetime.date or an ISO date string")))?
        };
        self.cache.insert(key, d);
        Ok(d)
    }
}

fn same_length(columns: &[(&str, usize)]) -> PyResult<usize> {
    let n = columns.first().map_or(0, |c| c.1);
    match columns.iter().find(|c| c.1 != n) {
        Some((name, len)) => Err(PyValueError::new_err(format!("column {name} has {len} items, expected {n}"))),
        None => Ok(n),
    }
}

/// Quorum of every meeting of an attendance register given as three columns.
#[pyfunction]
#[pyo3(signature = (body, meeting_ids, dates, organisations))]
fn quorum_batch<'py>(
    py: Python<'py>,
    body: &str,
    meeting_ids: &Bound<'py, PyAny>,
    dates: &Bound<'py, PyAny>,
    organisations: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let ids = items(meeting_ids, "meeting_id")?;
    let ds = items(dates, "date")?;
    let orgs = items(organisations, "organisation")?;
    quorum_columns(py, body, &ids, &ds, &orgs)
}

/// Quorum of every meeting of an attendance register given as rows:
/// `(meeting_id, date, organisation)` tuples or dicts with those keys.
#[pyfunction]
#[pyo3(signature = (body, rows))]
fn quorum_batch_rows<'py>(py: Python<'py>, body: &str, rows: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let rows = items(rows, "rows")?;
    let (mut ids, mut ds, mut orgs) = (Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()));
    for (i, row) in rows.iter().enumerate() {
        if let Ok(d) = row.cast::<PyDict>() {
            let get = |k: &str| -> PyResult<Bound<'py, PyAny>> {
                d.get_item(k)?.ok_or_else(|| PyValueError::new_err(format!("rows[{i}] has no '{k}'")))
            };
            ids.push(get("meeting_id")?);
            ds.push(get("date")?);
            orgs.push(get("organisation")?);
        } else {
            let t = items(row, &format!("rows[{i}]"))?;
            let [m, d, o] = <[Bound<'py, PyAny>; 3]>::try_from(t).map_err(|t| {
                PyValueError::new_err(format!("rows[{i}] must be (meeting_id, date, organisation), not {} items", t.len()))
            })?;
            ids.push(m);
            ds.push(d);
            orgs.push(o);
        }
    }
    quorum_columns(py, body, &ids, &ds, &orgs)
}

fn quorum_columns<'py>(
    py: Python<'py>,
    body: &str,
    ids: &[Bound<'py, PyAny>],
    ds: &[Bound<'py, PyAny>],
    orgs: &[Bound<'py, PyAny>],
) -> PyResult<Bound<'py, PyDict>> {
    same_length(&[("meeting_id", ids.len()), ("date", ds.len()), ("organisation", orgs.len())])?;
    let mut dates = Dates::new(py)?;
    let mut id_text = Vec::with_capacity(ids.len());
    let mut org_text = Vec::with_capacity(orgs.len());
    let mut day = Vec::with_capacity(ds.len());
    for (i, ((m, d), o)) in ids.iter().zip(ds).zip(orgs).enumerate() {
        id_text.push(text(m, &format!("rows[{i}].meeting_id"), true)?);
        org_text.push(text(o, &format!("rows[{i}].organisation"), false)?);
        day.push(dates.get(d, &format!("rows[{i}].date"))?);
    }
    let rows: Vec<Attendance<'_>> = id_text
        .iter()
        .zip(&org_text)
        .zip(&day)
        .map(|((m, o), d)| Attendance { meeting: m, date: *d, organisation: o })
        .collect();
    let batch = guarded("quorum_batch", || quorum::batch(Partnership::shared(), body, &rows).map_err(|e| native(&e)))?;
    let out = PyDict::new(py);
    let m = &batch.meetings;
    let first = |f: fn(&quorum::MeetingQuorum) -> usize, src: &[Bound<'py, PyAny>]| -> Vec<Bound<'py, PyAny>> {
        m.iter().filter_map(|q| src.get(f(q)).cloned()).collect()
    };
    out.set_item("meeting_id", first(|q| q.first_row, ids))?;
    out.set_item("date", m.iter().map(|q| q.date).collect::<Vec<_>>())?;
    out.set_item("quorate", m.iter().map(|q| q.quorate).collect::<Vec<_>>())?;
    out.set_item("count", m.iter().map(|q| q.count).collect::<Vec<_>>())?;
    out.set_item("required", m.iter().map(|q| q.required).collect::<Vec<_>>())?;
    out.set_item("represented", m.iter().map(|q| q.represented.clone()).collect::<Vec<_>>())?;
    out.set_item("missing", m.iter().map(|q| q.missing.clone()).collect::<Vec<_>>())?;
    out.set_item("reason", m.iter().map(|q| q.reason.as_str()).collect::<Vec<_>>())?;
    Ok(out)
}

/// Papers compliance of many meetings given as columns (`circulated` items may be None).
#[pyfunction]
#[pyo3(signature = (body, meeting_ids, meetings, circulated))]
fn papers_batch<'py>(
    py: Python<'py>,
    body: &str,
    meeting_ids: &Bound<'py, PyAny>,
    meetings: &Bound<'py, PyAny>,
    circulated: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let ids = items(meeting_ids, "meeting_id")?;
    let ms = items(meetings, "meeting")?;
    let cs = items(circulated, "circulated")?;
    same_length(&[("meeting_id", ids.len()), ("meeting", ms.len()), ("circulated", cs.len())])?;
    let mut dates = Dates::new(py)?;
    let mut results = Vec::with_capacity(ms.len());
    for (i, (m, c)) in ms.iter().zip(&cs).enumerate() {
        let meeting = dates.get(m, &format!("rows[{i}].meeting"))?;
        let sent = if c.is_none() { None } else { Some(dates.get(c, &format!("rows[{i}].circulated"))?) };
        let r = guarded("papers_batch", || {
            papers::deadline(Partnership::shared(), Calendar::shared(), body, meeting, sent).map_err(|e| {
                let field = format!("rows[{i}].{}", e.field());
                native(&e.at(field))
            })
        })?;
        results.push(r);
    }
    let out = PyDict::new(py);
    out.set_item("meeting_id", ids)?;
    out.set_item("meeting", results.iter().map(|r| r.meeting).collect::<Vec<_>>())?;
    out.set_item("circulated", results.iter().map(|r| r.circulated).collect::<Vec<_>>())?;
    out.set_item("latest_circulation", results.iter().map(|r| r.latest_circulation).collect::<Vec<_>>())?;
    out.set_item("clear_working_days", results.iter().map(|r| r.clear_working_days).collect::<Vec<_>>())?;
    out.set_item("compliant", results.iter().map(|r| r.compliant).collect::<Vec<_>>())?;
    out.set_item("reason", results.iter().map(|r| r.explanation.reason.as_str()).collect::<Vec<_>>())?;
    Ok(out)
}

/// The `kcsp._kcsp` module.
#[pymodule]
fn _kcsp(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("NativeError", m.py().get_type::<NativeError>())?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(error_catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(quorum_batch, m)?)?;
    m.add_function(wrap_pyfunction!(quorum_batch_rows, m)?)?;
    m.add_function(wrap_pyfunction!(papers_batch, m)?)?;
    Ok(())
}
