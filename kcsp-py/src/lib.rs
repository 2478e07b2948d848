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
use kcsp_core::{dates, papers, Calendar, Context, Error, ErrorKind, Partnership};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use std::borrow::Cow;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

pyo3::create_exception!(
    _kcsp,
    NativeError,
    PyValueError,
    "An error from kcsp-core: args are (code, field, message, details_json)."
);

/// A core error as the package's `KcspError` subclass of its family (built
/// by `kcsp.errors._error`), or as `NativeError` when the module is used on
/// its own.
fn native(e: &Error) -> PyErr {
    let args = error_args(e);
    Python::attach(|py| {
        py.import("kcsp.errors")
            .and_then(|m| m.getattr("_error"))
            .and_then(|f| f.call1(args.clone()))
            .map(PyErr::from_value)
            .unwrap_or_else(|_| NativeError::new_err(args))
    })
}

/// An error as the tuple the Python layer reads: (code, field, message,
/// details_json, public_message).
fn error_args(e: &Error) -> (&'static str, String, String, String, String) {
    let details = serde_json::to_string(e.details()).unwrap_or_else(|_| "{}".into());
    (
        e.code(),
        e.field().to_string(),
        e.message().to_string(),
        details,
        e.public_message(),
    )
}

fn internal(what: &str) -> PyErr {
    NativeError::new_err((
        "internal_error",
        String::new(),
        format!("kcsp failed unexpectedly in {what}"),
        "{}".to_string(),
        "Something went wrong – try again later".to_string(),
    ))
}

/// Runs `f`, turning a core error into `NativeError` and a panic into `internal_error`.
fn guarded<T>(what: &str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(internal(what)))
}

/// An organisation as Python sees it: (id, name, from, to, attendee_only).
type OrganisationRow = (String, String, Option<NaiveDate>, Option<NaiveDate>, bool);

/// A partnership definition (`kcsp.Partnership`): Kent's built in, or
/// another read from JSON.
#[pyclass(frozen, module = "kcsp._kcsp", name = "Partnership")]
struct PyPartnership {
    inner: Arc<Partnership>,
}

#[pymethods]
impl PyPartnership {
    /// The built-in Kent Community Safety Partnership.
    #[staticmethod]
    fn kent() -> Self {
        PyPartnership {
            inner: Arc::new(Context::kent().partnership().clone()),
        }
    }

    /// A definition from JSON text (tests/vectors/FORMAT.md, "The partnership definition").
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        guarded("Partnership.from_json", || {
            let p = Partnership::from_json(text).map_err(|e| native(&e))?;
            Ok(PyPartnership { inner: Arc::new(p) })
        })
    }

    /// The definition as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The partnership's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// Every organisation: (id, name, from, to, attendee_only).
    fn organisations(&self) -> Vec<OrganisationRow> {
        self.inner
            .organisations
            .iter()
            .map(|o| (o.id.to_string(), o.name.clone(), o.from, o.to, o.attendee_only))
            .collect()
    }

    /// Every body: (id, name).
    fn bodies(&self) -> Vec<(String, String)> {
        self.inner
            .bodies
            .iter()
            .map(|b| (b.id.to_string(), b.name.clone()))
            .collect()
    }

    /// The seats of `body` on `date`: (seat id, seat name, holder on the date).
    fn seats(&self, body: &str, date: NaiveDate) -> PyResult<Vec<(String, String, Option<String>)>> {
        let b = self.inner.body(body).map_err(|e| native(&e))?;
        Ok(b.seats_on(date)
            .into_iter()
            .map(|s| {
                let holder = s
                    .holders
                    .iter()
                    .find(|h| h.covers(date))
                    .map(|h| h.organisation.to_string());
                (s.id.to_string(), s.name.clone(), holder)
            })
            .collect())
    }

    fn __repr__(&self) -> String {
        format!("Partnership({:?})", self.inner.name)
    }
}

/// A bank-holiday calendar (`kcsp.Calendar`): England and Wales, with a
/// GOV.UK file or days added or removed.
#[pyclass(frozen, module = "kcsp._kcsp", name = "Calendar")]
struct PyCalendar {
    inner: Arc<Calendar>,
}

#[pymethods]
impl PyCalendar {
    /// The England and Wales calendar computed from statute and proclamations.
    #[new]
    fn new() -> Self {
        PyCalendar {
            inner: Arc::new(Calendar::england_and_wales()),
        }
    }

    /// The calendar with GOV.UK's `bank-holidays.json` (as published) replacing
    /// the computed days of the years it covers.
    #[staticmethod]
    fn govuk_json(text: &str) -> PyResult<Self> {
        guarded("Calendar.govuk_json", || {
            let c = Calendar::england_and_wales()
                .with_govuk_json(text)
                .map_err(|e| native(&e))?;
            Ok(PyCalendar { inner: Arc::new(c) })
        })
    }

    /// A calendar from JSON text: GOV.UK's file, or changes
    /// (`{"govuk": ..., "add": [...], "remove": [...]}`).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        guarded("Calendar.from_json", || {
            let c = Calendar::from_json(text).map_err(|e| native(&e))?;
            Ok(PyCalendar { inner: Arc::new(c) })
        })
    }

    /// This calendar with `date` a bank holiday.
    #[pyo3(signature = (date, name = "Added bank holiday"))]
    fn add(&self, date: NaiveDate, name: &str) -> PyResult<Self> {
        let mut c = (*self.inner).clone();
        c.add_holiday(date, name).map_err(|e| native(&e))?;
        Ok(PyCalendar { inner: Arc::new(c) })
    }

    /// This calendar with `date` an ordinary day.
    fn remove(&self, date: NaiveDate) -> PyResult<Self> {
        let mut c = (*self.inner).clone();
        c.remove_holiday(date).map_err(|e| native(&e))?;
        Ok(PyCalendar { inner: Arc::new(c) })
    }

    /// The bank holidays of `year`: (date, name).
    fn bank_holidays(&self, year: i32) -> PyResult<Vec<(NaiveDate, String)>> {
        let days = self.inner.bank_holidays(year).map_err(|e| native(&e))?;
        Ok(days.into_iter().map(|h| (h.date, h.name)).collect())
    }

    /// Which calendar this is, in a sentence.
    fn source(&self) -> String {
        self.inner.source().summary
    }

    fn __repr__(&self) -> String {
        format!("Calendar({:?})", self.inner.source().summary)
    }
}

/// The context of a call: Kent's, with the given partnership and calendar.
fn context(partnership: Option<&PyPartnership>, calendar: Option<&PyCalendar>) -> Context {
    let mut ctx = Context::kent().clone();
    if let Some(p) = partnership {
        ctx = ctx.with_partnership((*p.inner).clone());
    }
    if let Some(c) = calendar {
        ctx = ctx.with_calendar((*c.inner).clone());
    }
    ctx
}

/// Evaluates a rule on a JSON input object and returns the result as JSON
/// text, in Kent's context or with the given partnership and calendar. The
/// core works with the GIL released.
#[pyfunction]
#[pyo3(signature = (rule, input_json, partnership = None, calendar = None))]
fn evaluate(
    py: Python<'_>,
    rule: &str,
    input_json: &str,
    partnership: Option<PyRef<'_, PyPartnership>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
) -> PyResult<String> {
    let ctx = context(partnership.as_deref(), calendar.as_deref());
    guarded("evaluate", || {
        py.detach(|| kcsp_core::json::evaluate_str_in(&ctx, rule, input_json))
            .map_err(|e| native(&e))
    })
}

/// JSON text as a value, or `invalid_input`.
fn json_value(text: &str) -> PyResult<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| {
        native(&Error::new(
            ErrorKind::InvalidInput,
            "",
            format!("input is not JSON: {e}"),
        ))
    })
}

/// Every input error of a request at once (form validation), as tuples
/// (code, field, message, details_json, public_message).
#[pyfunction]
#[pyo3(signature = (rule, input_json, partnership = None, calendar = None))]
#[allow(clippy::type_complexity)]
fn validate(
    py: Python<'_>,
    rule: &str,
    input_json: &str,
    partnership: Option<PyRef<'_, PyPartnership>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
) -> PyResult<Vec<(&'static str, String, String, String, String)>> {
    let ctx = context(partnership.as_deref(), calendar.as_deref());
    guarded("validate", || {
        let value = json_value(input_json)?;
        let errors = py
            .detach(|| kcsp_core::rules::validate(&ctx, rule, &value))
            .map_err(|e| native(&e))?;
        Ok(errors.iter().map(error_args).collect())
    })
}

/// A receipt of the decision, as JSON text.
#[pyfunction]
#[pyo3(signature = (rule, input_json, partnership = None, calendar = None))]
fn receipt(
    rule: &str,
    input_json: &str,
    partnership: Option<PyRef<'_, PyPartnership>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
) -> PyResult<String> {
    let ctx = context(partnership.as_deref(), calendar.as_deref());
    guarded("receipt", || {
        let value = json_value(input_json)?;
        let r = kcsp_core::receipt::issue(&ctx, rule, &value).map_err(|e| native(&e))?;
        serde_json::to_string(&r).map_err(|e| native(&Error::new(ErrorKind::InvalidInput, "", e.to_string())))
    })
}

/// Whether a stored receipt (JSON text) still holds, as JSON text.
#[pyfunction]
#[pyo3(signature = (receipt_json, partnership = None, calendar = None))]
fn verify(
    receipt_json: &str,
    partnership: Option<PyRef<'_, PyPartnership>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
) -> PyResult<String> {
    let ctx = context(partnership.as_deref(), calendar.as_deref());
    guarded("verify", || {
        let r: kcsp_core::receipt::Receipt = serde_json::from_str(receipt_json)
            .map_err(|e| native(&Error::new(ErrorKind::InvalidInput, "", format!("not a receipt: {e}"))))?;
        let v = kcsp_core::receipt::verify(&ctx, &r).map_err(|e| native(&e))?;
        serde_json::to_string(&v).map_err(|e| native(&Error::new(ErrorKind::InvalidInput, "", e.to_string())))
    })
}

/// Every error code: (code, domain, description).
#[pyfunction]
fn error_catalogue() -> Vec<(&'static str, &'static str)> {
    ErrorKind::ALL.iter().map(|k| (k.code(), k.domain())).collect()
}

/// The rules `evaluate` accepts, with their input keys.
#[pyfunction]
fn rules() -> Vec<(&'static str, Vec<&'static str>)> {
    kcsp_core::rules::RULES.iter().map(|r| (r.id, r.keys())).collect()
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
/// (meeting ids may be numbers); anything else is a TypeError naming `field()`.
fn text<'a>(obj: &'a Bound<'_, PyAny>, allow_int: bool, field: impl Fn() -> String) -> PyResult<Cow<'a, str>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Cow::Borrowed(s.to_str()?));
    }
    if allow_int && obj.is_instance_of::<pyo3::types::PyInt>() && !obj.is_instance_of::<pyo3::types::PyBool>() {
        return Ok(Cow::Owned(obj.str()?.to_str()?.to_string()));
    }
    let what = if allow_int { "a str or an int" } else { "a str" };
    Err(PyTypeError::new_err(format!(
        "{} must be {what}, not {}",
        field(),
        obj.get_type().name()?
    )))
}

/// Turns the id objects of a column into small integers and keeps one copy
/// of each distinct text. Recently seen objects are remembered by address, so
/// a register that repeats the same objects (ids built from one list) needs
/// one conversion per distinct object; other objects are matched by text.
/// Addresses cannot be reused during a call: the caller's lists keep every
/// object alive.
struct Interner {
    texts: Vec<String>,
    by_text: HashMap<String, u32>,
    memo: [(usize, u32); 64],
    allow_int: bool,
}

impl Interner {
    fn new(allow_int: bool) -> Self {
        Interner {
            texts: Vec::new(),
            by_text: HashMap::new(),
            memo: [(0, 0); 64],
            allow_int,
        }
    }

    fn id(&mut self, obj: &Bound<'_, PyAny>, field: impl Fn() -> String) -> PyResult<u32> {
        let addr = obj.as_ptr() as usize;
        let line = (addr >> 4) % 64;
        if let Some((a, k)) = self.memo.get(line) {
            if *a == addr {
                return Ok(*k);
            }
        }
        let t = text(obj, self.allow_int, field)?;
        let k = match self.by_text.get(t.as_ref()) {
            Some(k) => *k,
            None => {
                let k = u32::try_from(self.texts.len()).map_err(|_| PyValueError::new_err("too many distinct ids"))?;
                self.texts.push(t.to_string());
                self.by_text.insert(t.into_owned(), k);
                k
            }
        };
        if let Some(slot) = self.memo.get_mut(line) {
            *slot = (addr, k);
        }
        Ok(k)
    }

    fn get(&self, k: u32) -> &str {
        self.texts.get(k as usize).map_or("", String::as_str)
    }
}

/// Dates from Python objects, converted once per distinct object: a
/// `datetime.date` or an ISO `YYYY-MM-DD` string; a `datetime.datetime` is refused.
struct Dates<'py> {
    cache: HashMap<usize, NaiveDate>,
    last: Option<(usize, NaiveDate)>,
    datetime: Bound<'py, PyAny>,
}

impl<'py> Dates<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        Ok(Dates {
            cache: HashMap::new(),
            last: None,
            datetime: py.import("datetime")?.getattr("datetime")?,
        })
    }

    /// The date of `obj`; `field()` names it in errors (built only then).
    fn get(&mut self, obj: &Bound<'py, PyAny>, field: impl Fn() -> String) -> PyResult<NaiveDate> {
        let key = obj.as_ptr() as usize;
        if let Some((k, d)) = self.last {
            if k == key {
                return Ok(d);
            }
        }
        if let Some(d) = self.cache.get(&key) {
            self.last = Some((key, *d));
            return Ok(*d);
        }
        let d = if let Ok(s) = obj.cast::<PyString>() {
            dates::parse_date(&field(), s.to_str()?).map_err(|e| native(&e))?
        } else if obj.is_instance(&self.datetime)? {
            return Err(PyTypeError::new_err(format!(
                "{} must be a datetime.date, not a datetime.datetime",
                field()
            )));
        } else {
            obj.extract::<NaiveDate>().map_err(|_| {
                PyTypeError::new_err(format!("{} must be a datetime.date or an ISO date string", field()))
            })?
        };
        self.cache.insert(key, d);
        self.last = Some((key, d));
        Ok(d)
    }
}

fn same_length(columns: &[(&str, usize)]) -> PyResult<usize> {
    let n = columns.first().map_or(0, |c| c.1);
    match columns.iter().find(|c| c.1 != n) {
        Some((name, len)) => Err(PyValueError::new_err(format!(
            "column {name} has {len} items, expected {n}"
        ))),
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
    let column = |obj: &Bound<'py, PyAny>, what: &str| -> PyResult<Bound<'py, PyList>> {
        match obj.cast::<PyList>() {
            Ok(l) => Ok(l.clone()),
            Err(_) => PyList::new(py, items(obj, what)?),
        }
    };
    let ids = column(meeting_ids, "meeting_id")?;
    let ds = column(dates, "date")?;
    let orgs = column(organisations, "organisation")?;
    quorum_columns(py, body, &ids, &ds, &orgs)
}

/// Quorum of every meeting of an attendance register given as rows:
/// `(meeting_id, date, organisation)` tuples or dicts with those keys.
#[pyfunction]
#[pyo3(signature = (body, rows))]
fn quorum_batch_rows<'py>(py: Python<'py>, body: &str, rows: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let rows = items(rows, "rows")?;
    let (mut ids, mut ds, mut orgs) = (
        Vec::with_capacity(rows.len()),
        Vec::with_capacity(rows.len()),
        Vec::with_capacity(rows.len()),
    );
    for (i, row) in rows.iter().enumerate() {
        if let Ok(d) = row.cast::<PyDict>() {
            let get = |k: &str| -> PyResult<Bound<'py, PyAny>> {
                d.get_item(k)?
                    .ok_or_else(|| PyValueError::new_err(format!("rows[{i}] has no '{k}'")))
            };
            ids.push(get("meeting_id")?);
            ds.push(get("date")?);
            orgs.push(get("organisation")?);
        } else {
            let t = match row.cast::<PyTuple>() {
                Ok(t) => t.iter().collect(),
                Err(_) => items(row, "each row")?,
            };
            let [m, d, o] = <[Bound<'py, PyAny>; 3]>::try_from(t).map_err(|t| {
                PyValueError::new_err(format!(
                    "rows[{i}] must be (meeting_id, date, organisation), not {} items",
                    t.len()
                ))
            })?;
            ids.push(m);
            ds.push(d);
            orgs.push(o);
        }
    }
    quorum_columns(
        py,
        body,
        &PyList::new(py, ids)?,
        &PyList::new(py, ds)?,
        &PyList::new(py, orgs)?,
    )
}

fn quorum_columns<'py>(
    py: Python<'py>,
    body: &str,
    ids: &Bound<'py, PyList>,
    ds: &Bound<'py, PyList>,
    orgs: &Bound<'py, PyList>,
) -> PyResult<Bound<'py, PyDict>> {
    let n = same_length(&[
        ("meeting_id", ids.len()),
        ("date", ds.len()),
        ("organisation", orgs.len()),
    ])?;
    let mut dates = Dates::new(py)?;
    let (mut meeting_names, mut org_names) = (Interner::new(true), Interner::new(false));
    let mut keys: Vec<(u32, u32, NaiveDate)> = Vec::with_capacity(n);
    for (i, ((m, d), o)) in ids.iter().zip(ds.iter()).zip(orgs.iter()).enumerate() {
        let meeting = meeting_names.id(&m, || format!("rows[{i}].meeting_id"))?;
        let org = org_names.id(&o, || format!("rows[{i}].organisation"))?;
        keys.push((meeting, org, dates.get(&d, || format!("rows[{i}].date"))?));
    }
    let rows = keys.iter().map(|(m, o, d)| Attendance {
        meeting: meeting_names.get(*m),
        date: *d,
        organisation: org_names.get(*o),
    });
    let batch = guarded("quorum_batch", || {
        quorum::batch(Context::kent(), body, rows).map_err(|e| native(&e))
    })?;
    let out = PyDict::new(py);
    let m = &batch.meetings;
    // One Python string per seat id, shared by every meeting's lists.
    let mut interned: HashMap<String, Bound<'py, PyString>> = HashMap::new();
    let mut ids_list = |names: &[&str]| -> PyResult<Bound<'py, PyList>> {
        let mut strs: Vec<Bound<'py, PyString>> = Vec::with_capacity(names.len());
        for n in names {
            let s = match interned.get(*n) {
                Some(s) => s.clone(),
                None => {
                    let s = PyString::new(py, n);
                    interned.insert((*n).to_string(), s.clone());
                    s
                }
            };
            strs.push(s);
        }
        PyList::new(py, strs)
    };
    let mut represented = Vec::with_capacity(m.len());
    let mut missing = Vec::with_capacity(m.len());
    for q in m {
        represented.push(ids_list(&q.represented)?);
        missing.push(ids_list(&q.missing)?);
    }
    // Meeting ids and dates come back as the caller's own objects.
    let first = |src: &Bound<'py, PyList>| -> PyResult<Vec<Bound<'py, PyAny>>> {
        m.iter().map(|q| src.get_item(q.first_row)).collect()
    };
    out.set_item("meeting_id", first(ids)?)?;
    out.set_item("date", first(ds)?)?;
    out.set_item("quorate", m.iter().map(|q| q.quorate).collect::<Vec<_>>())?;
    out.set_item("count", m.iter().map(|q| q.count).collect::<Vec<_>>())?;
    out.set_item("required", m.iter().map(|q| q.required).collect::<Vec<_>>())?;
    out.set_item("represented", represented)?;
    out.set_item("missing", missing)?;
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
    same_length(&[
        ("meeting_id", ids.len()),
        ("meeting", ms.len()),
        ("circulated", cs.len()),
    ])?;
    let mut dates = Dates::new(py)?;
    let mut results = Vec::with_capacity(ms.len());
    for (i, (m, c)) in ms.iter().zip(&cs).enumerate() {
        let meeting = dates.get(m, || format!("rows[{i}].meeting"))?;
        let sent = if c.is_none() {
            None
        } else {
            Some(dates.get(c, || format!("rows[{i}].circulated"))?)
        };
        let r = guarded("papers_batch", || {
            papers::deadline(Context::kent(), body, meeting, sent).map_err(|e| {
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
    out.set_item(
        "latest_circulation",
        results.iter().map(|r| r.latest_circulation).collect::<Vec<_>>(),
    )?;
    out.set_item(
        "clear_working_days",
        results.iter().map(|r| r.clear_working_days).collect::<Vec<_>>(),
    )?;
    out.set_item("compliant", results.iter().map(|r| r.compliant).collect::<Vec<_>>())?;
    out.set_item(
        "reason",
        results
            .iter()
            .map(|r| r.explanation.reason.as_str())
            .collect::<Vec<_>>(),
    )?;
    Ok(out)
}

/// Meeting cadence per body and financial year from a register: columns of
/// bodies and dates, one row per meeting. Returns columns with one entry per
/// (body, year): `body`, `year`, `meetings`, `compliant`, `required`,
/// `quarters_without_meeting`, `unprepared`, `reason`, and `error_code` /
/// `error_field` for a body that could not be judged (its row is kept).
#[pyfunction]
#[pyo3(signature = (bodies, dates, partnership = None))]
fn cadence_register<'py>(
    py: Python<'py>,
    bodies: &Bound<'py, PyAny>,
    dates: &Bound<'py, PyAny>,
    partnership: Option<PyRef<'_, PyPartnership>>,
) -> PyResult<Bound<'py, PyDict>> {
    let bs = items(bodies, "body")?;
    let ds = items(dates, "date")?;
    same_length(&[("body", bs.len()), ("date", ds.len())])?;
    let mut cache = Dates::new(py)?;
    let mut register = Vec::with_capacity(bs.len());
    for (i, (b, d)) in bs.iter().zip(&ds).enumerate() {
        let body = text(b, false, || format!("rows[{i}].body"))?.into_owned();
        register.push((body, cache.get(d, || format!("rows[{i}].date"))?));
    }
    let ctx = context(partnership.as_deref(), None);
    let rows = guarded("cadence_register", || {
        Ok(py.detach(|| kcsp_core::cadence::register(&ctx, &register)))
    })?;
    let out = PyDict::new(py);
    // One column per key, one entry per (body, year) row.
    macro_rules! column {
        ($name:literal, |$r:ident| $value:expr) => {
            out.set_item($name, rows.iter().map(|$r| $value).collect::<Vec<_>>())?
        };
    }
    let ok = |r: &kcsp_core::cadence::RegisterRow| r.outcome.as_ref().ok().cloned();
    column!("body", |r| r.body.clone());
    column!("year", |r| r.year.to_string());
    column!("meetings", |r| ok(r).map(|c| c.meetings));
    column!("compliant", |r| ok(r).map(|c| c.compliant));
    column!("required", |r| ok(r).and_then(|c| c.required));
    column!("quarters_without_meeting", |r| ok(r)
        .and_then(|c| c.quarters_without_meeting));
    column!("unprepared", |r| ok(r).and_then(|c| c.unprepared));
    column!("reason", |r| ok(r).map(|c| c.explanation.reason));
    column!("error_code", |r| r.outcome.as_ref().err().map(|e| e.code()));
    column!("error_field", |r| r
        .outcome
        .as_ref()
        .err()
        .map(|e| e.field().to_string()));
    Ok(out)
}

/// The `kcsp._kcsp` module.
#[pymodule]
fn _kcsp(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("NativeError", m.py().get_type::<NativeError>())?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(receipt, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_class::<PyPartnership>()?;
    m.add_class::<PyCalendar>()?;
    m.add_function(wrap_pyfunction!(error_catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(quorum_batch, m)?)?;
    m.add_function(wrap_pyfunction!(quorum_batch_rows, m)?)?;
    m.add_function(wrap_pyfunction!(papers_batch, m)?)?;
    m.add_function(wrap_pyfunction!(cadence_register, m)?)?;
    Ok(())
}
