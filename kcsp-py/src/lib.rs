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
#[rustfmt::skip]
mod exceptions;
mod frames;
#[rustfmt::skip]
mod methods;

/// mimalloc: freed pages are kept for the next batch and each thread has
/// its own heap (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use kcsp_core::messages::Catalogue;
use kcsp_core::{Calendar, Context, Error, ErrorDomain, Partnership};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// The exception of a family of errors (`None`: the library's own failure),
/// with its attributes set.
fn exception(
    domain: Option<ErrorDomain>,
    (code, field, message): (&str, &str, &str),
    details: &BTreeMap<String, String>,
    public: &str,
) -> PyErr {
    let text = if field.is_empty() {
        format!("{code}: {message}")
    } else {
        format!("{code} ({field}): {message}")
    };
    let err = exceptions::of(domain, text);
    let set = |py: Python<'_>| -> PyResult<()> {
        let value = err.value(py);
        value.setattr("code", code)?;
        value.setattr("field", field)?;
        value.setattr("message", message)?;
        value.setattr("details", details.clone().into_pyobject(py)?)?;
        value.setattr("public_message", public)
    };
    match Python::attach(set) {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A core error as the exception of its family, with its English public message.
pub(crate) fn raise(e: &Error) -> PyErr {
    Shown::default().raise(e)
}

/// The library's own failure in `what`, as `InternalError`.
pub(crate) fn internal(what: &str) -> PyErr {
    let message = format!("kcsp failed unexpectedly in {what}");
    let public = "Something went wrong – try again later";
    exception(None, ("internal_error", "", &message), &BTreeMap::new(), public)
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

/// How a context function shows its errors: with the public messages of a
/// catalogue (English when none is given) and the form's labels.
#[derive(Default)]
pub(crate) struct Shown {
    catalogue: Option<Catalogue>,
    labels: BTreeMap<String, String>,
}

impl Shown {
    /// `messages`: a catalogue as JSON text; `labels`: the form's field names by input key.
    pub(crate) fn new(messages: Option<&str>, labels: Option<BTreeMap<String, String>>) -> Result<Shown, Error> {
        Ok(Shown {
            catalogue: messages.map(Catalogue::from_json).transpose()?,
            labels: labels.unwrap_or_default(),
        })
    }

    /// A core error as the exception of its family, its public message shown.
    pub(crate) fn raise(&self, e: &Error) -> PyErr {
        let public = self
            .catalogue
            .as_ref()
            .unwrap_or(Catalogue::english())
            .message_labelled(e, &self.labels);
        exception(
            Some(e.kind().domain()),
            (e.code(), e.field(), e.message()),
            e.details(),
            &public,
        )
    }

    /// Errors found (not raised), as a list of exceptions.
    pub(crate) fn list<'py>(&self, py: Python<'py>, errors: &[Error]) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, errors.iter().map(|e| self.raise(e).into_value(py)))
    }
}

/// The `kcsp._kcsp` module.
#[pymodule(gil_used = false)]
fn _kcsp(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    exceptions::add(m)?;
    m.add("LIBRARY_VERSION", kcsp_core::receipt::LIBRARY_VERSION)?;
    m.add_class::<PyPartnership>()?;
    m.add_class::<PyCalendar>()?;
    kcsp_core::python::add_classes(m)?;
    methods::add(m)?;
    frames::add(m)?;
    let _ = PyDict::new(py);
    Ok(())
}
