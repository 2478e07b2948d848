//! The native part of the `kcsp` Python package (`kcsp._kcsp`).
//!
//! It converts types and maps errors; every rule lives in `kcsp-core`.
//! A call converts its Python arguments into the core's input
//! ([`convert`]: dates, `Timestamp`s, numpy values, `Decimal`s, missing
//! values), decides through the core's registry with the GIL released, and
//! hands back the core's own result type as a Python class (kcsp-core's
//! `python` feature): no JSON text on the way in or out. The batch
//! functions ([`frames`]) read Arrow columns and return an Arrow table.
//!
//! Errors are raised as the `KcspError` family defined here, with `code`,
//! `field`, `message`, `details` and `public_message`. A panic, which the
//! core is written never to raise, is caught and raised as `InternalError`.

#![forbid(unsafe_code)]

mod convert;
mod frames;

/// mimalloc: freed pages are kept for the next batch and each thread has
/// its own heap (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::NaiveDate;
use kcsp_core::messages::Catalogue;
use kcsp_core::{Calendar, Context, Error, ErrorDomain, Partnership};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

pyo3::create_exception!(
    kcsp,
    KcspError,
    PyValueError,
    "A rule refused its input. `code` is stable (the same in Rust, Python and JavaScript); `field` names the input \
     (`projects[0].amount`); `message` is for developers, `public_message` for the public; `details` holds the \
     offending `value`, the `allowed` values and the like."
);
pyo3::create_exception!(
    kcsp,
    InputError,
    KcspError,
    "Malformed input: dates, ids, amounts, unknown keys."
);
pyo3::create_exception!(
    kcsp,
    CalendarError,
    KcspError,
    "A bank-holiday calendar could not be read or used."
);
pyo3::create_exception!(
    kcsp,
    GovernanceError,
    KcspError,
    "Quorum, removal votes, papers, reviews, chair terms, cadence."
);
pyo3::create_exception!(kcsp, GrantError, KcspError, "Money and the Crime Reduction Grant.");
pyo3::create_exception!(kcsp, DhrError, KcspError, "The Domestic Homicide Review protocol.");
pyo3::create_exception!(
    kcsp,
    InternalError,
    KcspError,
    "The library failed unexpectedly (please report it)."
);

/// The exception of an error's family, with its attributes set.
fn exception(
    py: Python<'_>,
    code: &str,
    domain: Option<ErrorDomain>,
    field: &str,
    message: &str,
    details: &std::collections::BTreeMap<String, String>,
    public: &str,
) -> PyErr {
    let text = if field.is_empty() {
        format!("{code}: {message}")
    } else {
        format!("{code} ({field}): {message}")
    };
    let err = match domain {
        Some(ErrorDomain::Input) => InputError::new_err(text),
        Some(ErrorDomain::Calendar) => CalendarError::new_err(text),
        Some(ErrorDomain::Governance) => GovernanceError::new_err(text),
        Some(ErrorDomain::Grant) => GrantError::new_err(text),
        Some(ErrorDomain::Dhr) => DhrError::new_err(text),
        None => InternalError::new_err(text),
    };
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("code", code)?;
        value.setattr("field", field)?;
        value.setattr("message", message)?;
        value.setattr("details", details.clone().into_pyobject(py)?)?;
        value.setattr("public_message", public)?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A core error as the exception of its family.
pub(crate) fn raise(e: &Error) -> PyErr {
    raise_with(e, &e.public_message())
}

/// A core error as the exception of its family, with its public message given.
fn raise_with(e: &Error, public: &str) -> PyErr {
    Python::attach(|py| {
        exception(
            py,
            e.code(),
            Some(e.kind().domain()),
            e.field(),
            e.message(),
            e.details(),
            public,
        )
    })
}

pub(crate) fn internal(what: &str) -> PyErr {
    Python::attach(|py| {
        exception(
            py,
            "internal_error",
            None,
            "",
            &format!("kcsp failed unexpectedly in {what}"),
            &Default::default(),
            "Something went wrong – try again later",
        )
    })
}

/// Runs `f`, turning a panic into `InternalError`.
pub(crate) fn guarded<T>(what: &str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(internal(what)))
}

/// An organisation as Python sees it: (id, name, from, to, attendee_only).
type OrganisationRow = (String, String, Option<NaiveDate>, Option<NaiveDate>, bool);

/// A partnership definition (`kcsp.Partnership`): Kent's built in, or
/// another read from JSON.
#[pyclass(frozen, module = "kcsp", name = "Partnership")]
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
            let p = Partnership::from_json(text).map_err(|e| raise(&e))?;
            Ok(PyPartnership { inner: Arc::new(p) })
        })
    }

    /// Every problem of a definition given as JSON text, at once (each an
    /// ``invalid_partnership`` error with its field); empty when it is valid.
    #[staticmethod]
    fn problems<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
        let found = py.detach(|| Partnership::problems_in_json(text));
        PyList::new(py, found.iter().map(|e| raise(e).into_value(py)))
    }

    /// A definition from a JSON file.
    #[staticmethod]
    fn from_file(path: std::path::PathBuf) -> PyResult<Self> {
        let text = std::fs::read_to_string(&path)?;
        Self::from_json(&text)
    }

    /// The definition as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The partnership's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// The organisations: (id, name, from, to, attendee_only); with `date`,
    /// those that existed on it; with `body` too, those of that body on the
    /// date (holding a seat or taking part), what its meeting form offers.
    #[pyo3(signature = (date = None, body = None))]
    fn organisations(&self, date: Option<&Bound<'_, PyAny>>, body: Option<&str>) -> PyResult<Vec<OrganisationRow>> {
        let row = |o: &kcsp_core::partnership::Organisation| {
            (o.id.to_string(), o.name.clone(), o.from, o.to, o.attendee_only)
        };
        let date = date
            .map(|d| convert::date(d, "date"))
            .transpose()
            .map_err(|e| raise(&e))?;
        let list = self.inner.organisations_for(date, body).map_err(|e| raise(&e))?;
        Ok(list.into_iter().map(row).collect())
    }

    /// Every body: (id, name), the principal body first.
    fn bodies(&self) -> Vec<(String, String)> {
        self.inner
            .bodies()
            .iter()
            .map(|b| (b.id.to_string(), b.name.clone()))
            .collect()
    }

    /// The seats of `body` on `date` with the organisation holding each:
    /// (seat id, seat name, holder), the seats that count for its quorum.
    fn seats(&self, body: &str, date: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String, String)>> {
        let date = convert::date(date, "date").map_err(|e| raise(&e))?;
        let seats = self.inner.seats(body, date).map_err(|e| raise(&e))?;
        Ok(seats
            .into_iter()
            .map(|s| (s.id.to_string(), s.name, s.holder.to_string()))
            .collect())
    }

    fn __repr__(&self) -> String {
        format!("Partnership({:?})", self.inner.name())
    }
}

/// A bank-holiday calendar (`kcsp.Calendar`): England and Wales, with a
/// GOV.UK file or days added or removed.
#[pyclass(frozen, module = "kcsp", name = "Calendar")]
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
                .map_err(|e| raise(&e))?;
            Ok(PyCalendar { inner: Arc::new(c) })
        })
    }

    /// The calendar with GOV.UK's `bank-holidays.json` read from a file.
    #[staticmethod]
    fn govuk_file(path: std::path::PathBuf) -> PyResult<Self> {
        let text = std::fs::read_to_string(&path)?;
        Self::govuk_json(&text)
    }

    /// A calendar from JSON text: GOV.UK's file, or changes
    /// (`{"govuk": ..., "add": [...], "remove": [...]}`).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        guarded("Calendar.from_json", || {
            let c = Calendar::from_json(text).map_err(|e| raise(&e))?;
            Ok(PyCalendar { inner: Arc::new(c) })
        })
    }

    /// This calendar with `date` a bank holiday.
    #[pyo3(signature = (date, name = "Added bank holiday"))]
    fn add(&self, date: &Bound<'_, PyAny>, name: &str) -> PyResult<Self> {
        let date = convert::date(date, "date").map_err(|e| raise(&e))?;
        let mut c = (*self.inner).clone();
        c.add_holiday(date, name).map_err(|e| raise(&e))?;
        Ok(PyCalendar { inner: Arc::new(c) })
    }

    /// This calendar with `date` an ordinary day.
    fn remove(&self, date: &Bound<'_, PyAny>) -> PyResult<Self> {
        let date = convert::date(date, "date").map_err(|e| raise(&e))?;
        let mut c = (*self.inner).clone();
        c.remove_holiday(date).map_err(|e| raise(&e))?;
        Ok(PyCalendar { inner: Arc::new(c) })
    }

    /// The bank holidays of `year`: (date, name).
    fn bank_holidays(&self, year: i32) -> PyResult<Vec<(NaiveDate, String)>> {
        let days = self.inner.bank_holidays(year).map_err(|e| raise(&e))?;
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
pub(crate) fn context(partnership: Option<&PyPartnership>, calendar: Option<&PyCalendar>) -> Context {
    let mut ctx = Context::kent().clone();
    if let Some(p) = partnership {
        ctx = ctx.with_partnership(p.inner.clone());
    }
    if let Some(c) = calendar {
        ctx = ctx.with_calendar(c.inner.clone());
    }
    ctx
}

/// Decides rule `rule` on `input` (a mapping of its input keys; dates,
/// `Decimal`s and frame values as Python has them) for Kent or the
/// `partnership` given, on the England and Wales calendar or the `calendar`
/// given, and returns the result class of the rule.
#[pyfunction]
#[pyo3(signature = (rule, input, partnership = None, calendar = None))]
fn evaluate<'py>(
    py: Python<'py>,
    rule: &str,
    input: &Bound<'py, PyAny>,
    partnership: Option<PyRef<'_, PyPartnership>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ctx = context(partnership.as_deref(), calendar.as_deref());
    guarded("evaluate", || {
        let value = convert::value(input, &convert::Path::Root).map_err(|e| raise(&e))?;
        let (out, _) = py
            .detach(|| kcsp_core::registry::decide(&ctx, rule, &value))
            .map_err(|e| raise(&e))?;
        kcsp_core::python::into_python(py, out)
    })
}

/// Every input error of a request at once (form validation), as exception
/// objects (not raised).
#[pyfunction]
#[pyo3(signature = (rule, input, partnership = None, calendar = None, labels = None, messages = None))]
#[allow(clippy::too_many_arguments)]
fn validate<'py>(
    py: Python<'py>,
    rule: &str,
    input: &Bound<'py, PyAny>,
    partnership: Option<PyRef<'_, PyPartnership>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
    labels: Option<std::collections::BTreeMap<String, String>>,
    messages: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let ctx = context(partnership.as_deref(), calendar.as_deref());
    let catalogue = messages.map(Catalogue::from_json).transpose().map_err(|e| raise(&e))?;
    let catalogue = catalogue.as_ref().unwrap_or(Catalogue::english());
    let labels = labels.unwrap_or_default();
    guarded("validate", || {
        let errors = match convert::value(input, &convert::Path::Root) {
            Ok(value) => py
                .detach(|| kcsp_core::registry::validate(&ctx, rule, &value))
                .map_err(|e| raise(&e))?,
            Err(e) => vec![e],
        };
        let shown = |e: &Error| raise_with(e, &catalogue.message_labelled(e, &labels)).into_value(py);
        PyList::new(py, errors.iter().map(shown))
    })
}

/// A receipt of the decision, as a dict of JSON values (store it with `json.dumps`).
#[pyfunction]
#[pyo3(signature = (rule, input, partnership = None, calendar = None))]
fn receipt<'py>(
    py: Python<'py>,
    rule: &str,
    input: &Bound<'py, PyAny>,
    partnership: Option<PyRef<'_, PyPartnership>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ctx = context(partnership.as_deref(), calendar.as_deref());
    guarded("receipt", || {
        let value = convert::value(input, &convert::Path::Root).map_err(|e| raise(&e))?;
        let r = py
            .detach(|| kcsp_core::receipt::issue(&ctx, rule, &value))
            .map_err(|e| raise(&e))?;
        let json = serde_json::to_value(&r).map_err(|_| internal("receipt"))?;
        kcsp_core::python::json_to_python(py, &json)
    })
}

/// Whether a stored receipt (the dict `receipt` gave, read back) still
/// holds: a dict with `holds`, `same_context`, `same_version`, `result`, `error`.
#[pyfunction]
#[pyo3(signature = (receipt, partnership = None, calendar = None))]
fn verify<'py>(
    py: Python<'py>,
    receipt: &Bound<'py, PyAny>,
    partnership: Option<PyRef<'_, PyPartnership>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ctx = context(partnership.as_deref(), calendar.as_deref());
    guarded("verify", || {
        let value = convert::json(receipt, &convert::Path::Root).map_err(|e| raise(&e))?;
        let r: kcsp_core::receipt::Receipt = kcsp_core::input::parse(&value).map_err(|e| raise(&e))?;
        let v = py
            .detach(|| kcsp_core::receipt::verify(&ctx, &r))
            .map_err(|e| raise(&e))?;
        let json = serde_json::to_value(&v).map_err(|_| internal("verify"))?;
        kcsp_core::python::json_to_python(py, &json)
    })
}

/// Every error code with its family: (code, family).
#[pyfunction]
fn error_catalogue() -> Vec<(&'static str, &'static str)> {
    kcsp_core::ErrorKind::ALL
        .iter()
        .map(|k| (k.code(), k.domain().as_str()))
        .collect()
}

/// The rules of the registry: (id, input keys, reads partnership, reads calendar).
#[pyfunction]
fn rules() -> Vec<(&'static str, Vec<&'static str>, bool, bool)> {
    kcsp_core::registry::RULES
        .iter()
        .map(|r| (r.id, r.fields.to_vec(), r.reads_partnership, r.reads_calendar))
        .collect()
}

/// The `kcsp._kcsp` module.
#[pymodule(gil_used = false)]
fn _kcsp(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("KcspError", py.get_type::<KcspError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("CalendarError", py.get_type::<CalendarError>())?;
    m.add("GovernanceError", py.get_type::<GovernanceError>())?;
    m.add("GrantError", py.get_type::<GrantError>())?;
    m.add("DhrError", py.get_type::<DhrError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add("LIBRARY_VERSION", kcsp_core::receipt::LIBRARY_VERSION)?;
    m.add_class::<PyPartnership>()?;
    m.add_class::<PyCalendar>()?;
    kcsp_core::python::add_classes(m)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(receipt, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(error_catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    frames::add(m)?;
    let _ = PyDict::new(py);
    Ok(())
}
