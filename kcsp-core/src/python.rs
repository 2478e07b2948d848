//! The Python face of the result types (feature `python`, used by the
//! `kcsp` Python package): every result is a frozen `pyo3` class with
//! read-only attributes, `repr`, `to_dict()` and `==`; ids, years and
//! enumerations arrive as `str`, dates as `datetime.date`, money and
//! percentages as `decimal.Decimal`. Nested results (the explanation, say)
//! become Python objects only when read.
//!
//! There is no rule here, only conversions.

use crate::money::Percent;
use crate::{explain, BodyId, FinancialYear, Money, OrgId, SeatId};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rust_decimal::Decimal;
use std::convert::Infallible;

/// The Python package the result classes belong to.
const PACKAGE: &str = "kcsp";

/// A type the Python package can hand to Python: with feature `python`,
/// anything `pyo3` converts; without it, anything.
pub trait Native: for<'py> IntoPyObject<'py> {}
impl<T: for<'py> IntoPyObject<'py>> Native for T {}

/// Text types (ids, years, enumerations) as `str`.
macro_rules! as_text {
    ($($t:ty),* $(,)?) => {$(
        impl<'py> pyo3::IntoPyObject<'py> for &$t {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> std::result::Result<Self::Output, std::convert::Infallible> {
                Ok(pyo3::types::PyString::new(py, &self.to_string()))
            }
        }
        impl<'py> pyo3::IntoPyObject<'py> for $t {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> std::result::Result<Self::Output, std::convert::Infallible> {
                (&self).into_pyobject(py)
            }
        }
    )*};
}
pub(crate) use as_text;

as_text!(BodyId, OrgId, SeatId, FinancialYear);

/// Enumerations of the definition format (snake_case through serde) as `str`.
macro_rules! as_serde_text {
    ($($t:ty),*) => {$(
        impl<'py> IntoPyObject<'py> for &$t {
            type Target = PyString;
            type Output = Bound<'py, PyString>;
            type Error = Infallible;
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Infallible> {
                let text = serde_json::to_value(self).ok();
                Ok(PyString::new(py, text.as_ref().and_then(|v| v.as_str()).unwrap_or_default()))
            }
        }
        impl<'py> IntoPyObject<'py> for $t {
            type Target = PyString;
            type Output = Bound<'py, PyString>;
            type Error = Infallible;
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Infallible> {
                (&self).into_pyobject(py)
            }
        }
    )*};
}

as_serde_text!(
    crate::partnership::QuorumBasis,
    crate::partnership::MajorityBasis,
    crate::partnership::NoticeCounting
);

/// Exact amounts as `decimal.Decimal`.
macro_rules! as_decimal {
    ($($t:ty),*) => {$(
        impl<'py> IntoPyObject<'py> for &$t {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                let d: Decimal = self.as_decimal();
                d.into_pyobject(py)
            }
        }
        impl<'py> IntoPyObject<'py> for $t {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                (&self).into_pyobject(py)
            }
        }
    )*};
}

as_decimal!(Money, Percent);

/// A JSON value (a receipt's input and result) as plain Python: dicts,
/// lists, `str`, `int`, `float`, `bool`, `None`.
pub fn json_to_python<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        // Receipts hold counts and days as integers; any other number is
        // given as its JSON text rather than passed through a float.
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (_, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => PyString::new(py, &n.to_string()).into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_python(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// The field names of a result type, in declaration order (from its serde
/// `Deserialize`, through `serde-aux`).
fn fields<T: for<'de> serde::Deserialize<'de>>() -> &'static [&'static str] {
    serde_aux::serde_introspection::serde_introspect::<T>()
}

/// `to_dict()`: every attribute, nested results as dicts, lists as lists.
fn to_dict<'py>(obj: &Bound<'py, PyAny>, names: &[&str]) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(obj.py());
    for name in names {
        dict.set_item(*name, plain(&obj.getattr(*name)?)?)?;
    }
    Ok(dict)
}

fn plain<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(list) = value.cast::<PyList>() {
        let out = PyList::empty(value.py());
        for item in list.iter() {
            out.append(plain(&item)?)?;
        }
        return Ok(out.into_any());
    }
    if let Ok(t) = value.cast::<PyTuple>() {
        let items: Vec<Bound<'py, PyAny>> = t.iter().map(|i| plain(&i)).collect::<PyResult<_>>()?;
        return Ok(PyTuple::new(value.py(), items)?.into_any());
    }
    let module = value.get_type().module()?;
    if module.to_str()? == PACKAGE {
        if let Ok(to_dict) = value.getattr("to_dict") {
            return to_dict.call0();
        }
    }
    Ok(value.clone())
}

/// `repr()`: `Name(field=value, …)`, leaving out the (long) explanation and
/// nested results.
fn repr(obj: &Bound<'_, PyAny>, name: &str, names: &[&str]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(names.len());
    for field in names {
        let value = obj.getattr(*field)?;
        let module = value.get_type().module()?;
        if module.to_str()? == PACKAGE {
            continue;
        }
        parts.push(format!("{field}={}", value.repr()?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// Declares the result classes: `__repr__`, `__str__` and `to_dict()` for
/// each, and [`add_classes`] adding them all to a module.
macro_rules! results {
    (
        shown: $($t:ty),* ;
        plain: $($p:ty),* $(,)?
    ) => {
        $(
            #[pymethods]
            impl $t {
                fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                    repr(slf.as_any(), stringify!($t).rsplit("::").next().unwrap_or_default(), fields::<$t>())
                }

                fn __str__(&self) -> String {
                    self.to_string()
                }

                /// The result as a plain dict: dates stay `datetime.date`, money
                /// `decimal.Decimal`; nested results become dicts.
                fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
                    to_dict(slf.as_any(), fields::<$t>())
                }
            }
        )*
        $(
            #[pymethods]
            impl $p {
                fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                    repr(slf.as_any(), stringify!($p).rsplit("::").next().unwrap_or_default(), fields::<$p>())
                }

                /// The result as a plain dict: dates stay `datetime.date`, money
                /// `decimal.Decimal`; nested results become dicts.
                fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
                    to_dict(slf.as_any(), fields::<$p>())
                }
            }
        )*

        /// Adds every result class to a Python module (the `kcsp` package's
        /// native module).
        pub fn add_classes(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $( m.add_class::<$t>()?; )*
            $( m.add_class::<$p>()?; )*
            Ok(())
        }
    };
}

results!(
    shown:
    crate::action_plan::PlanProgress,
    crate::cadence::CadenceResult,
    crate::calendar::WorkingDay,
    crate::chair::RemovalResult,
    crate::chair::TermStatus,
    crate::csa::Priorities,
    crate::dhr::TransitionResult,
    crate::dhr::Portfolio,
    crate::dhr::CaseStatus,
    explain::Citation,
    explain::Explanation,
    crate::grant::Split,
    crate::grant::Ledger,
    crate::match_funding::MatchFunding,
    crate::papers::PapersResult,
    crate::protocol::Deadlines,
    crate::quorum::QuorumResult,
    crate::reconcile::Reconciliation,
    crate::review::ReviewStatus,
    crate::tactical::TacticalAccess;
    plain:
    crate::calendar::BankHoliday,
    crate::calendar::CalendarSource,
    crate::dhr::OverdueCase,
    explain::Figure,
    crate::grant::Warning,
    crate::reconcile::Discrepancy,
    crate::tactical::ShutGate,
    crate::grant::Project,
    crate::protocol::Extension,
);
