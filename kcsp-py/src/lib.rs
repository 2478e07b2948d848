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
#[rustfmt::skip]
mod methods;

/// mimalloc: freed pages are kept for the next batch and each thread has
/// its own heap (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// A partnership definition (`kcsp.Partnership`): Kent's built in, or
/// another read from JSON. Its methods are generated from the core's table
/// of them, into `src/methods.rs`.
#[pyclass(frozen, module = "kcsp", name = "Partnership")]
pub(crate) struct PyPartnership {
    inner: Arc<Partnership>,
}

impl From<Partnership> for PyPartnership {
    fn from(p: Partnership) -> Self {
        PyPartnership { inner: Arc::new(p) }
    }
}

/// A bank-holiday calendar (`kcsp.Calendar`): England and Wales, with a
/// GOV.UK file or days added or removed. Its methods are generated
/// from the core's table of them, into `src/methods.rs`.
#[pyclass(frozen, module = "kcsp", name = "Calendar")]
pub(crate) struct PyCalendar {
    inner: Arc<Calendar>,
}

impl From<Calendar> for PyCalendar {
    fn from(c: Calendar) -> Self {
        PyCalendar { inner: Arc::new(c) }
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
#[pyo3(signature = (rule, input, *, partnership = None, calendar = None))]
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

/// Every input error of a request at once, the way a form shows them (each
/// error's `public_message` is for the public); an empty list means the
/// input is valid. Raises only for a rule that does not exist.
///
/// `labels` name the form's fields by input key (`{"date": "Date of the
/// meeting"}`) for the public messages ("Date of the meeting must be a real
/// date"); without one, a field is named from its key. `messages` is another
/// catalogue of public messages as JSON text (`{"language": "cy",
/// "messages": {code: message}}`; codes it lacks stay English).
#[pyfunction]
#[pyo3(signature = (rule, input, *, partnership = None, calendar = None, labels = None, messages = None))]
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

/// The decision as a receipt to store (`json.dumps` it): the rule, the
/// input, the library version, a hash of the context used and the result.
#[pyfunction]
#[pyo3(signature = (rule, input, *, partnership = None, calendar = None))]
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
/// holds: a dict with `holds`, `same_context`, `same_version`, the `result`
/// now and the `error` code if it now fails.
#[pyfunction]
#[pyo3(signature = (receipt, *, partnership = None, calendar = None))]
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

/// Every rule id with its input keys (`partnership` and `calendar` added
/// where the rule reads them).
#[pyfunction]
fn rules() -> std::collections::BTreeMap<&'static str, Vec<&'static str>> {
    let context = |r: &kcsp_core::registry::RuleInfo| {
        [(r.reads_partnership, "partnership"), (r.reads_calendar, "calendar")]
            .into_iter()
            .filter_map(|(reads, key)| reads.then_some(key))
    };
    kcsp_core::registry::RULES
        .iter()
        .map(|r| (r.id, r.fields.iter().copied().chain(context(r)).collect()))
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
