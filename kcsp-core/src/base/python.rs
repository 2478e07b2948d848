//! The Python form of the base values (feature `python`): ids, financial
//! years and enumerations as `str`, money and percentages as
//! `decimal.Decimal`. Only conversions: the result classes are in the
//! boundary (`boundary::python`).

use crate::base::id::{BodyId, OrgId, SeatId};
use crate::base::money::{Money, Percent};
use crate::base::year::FinancialYear;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use rust_decimal::Decimal;

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
        impl<'py> pyo3::IntoPyObject<'py> for &$t {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> std::result::Result<Self::Output, std::convert::Infallible> {
                let text = serde_json::to_value(self).ok();
                Ok(pyo3::types::PyString::new(py, text.as_ref().and_then(|v| v.as_str()).unwrap_or_default()))
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
pub(crate) use as_serde_text;

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

/// The Python package the result classes belong to.
const PACKAGE: &str = "kcsp";

/// The field names of a result type, in declaration order (from its serde
/// `Deserialize`, through `serde-aux`).
pub(crate) fn fields<T: for<'de> serde::Deserialize<'de>>() -> &'static [&'static str] {
    serde_aux::serde_introspection::serde_introspect::<T>()
}

/// `to_dict()`: the keys the value's JSON has (an absent option is left
/// out there, so here too), nested results as dicts, lists as lists.
pub(crate) fn to_dict<'py, T: serde::Serialize>(
    obj: &Bound<'py, PyAny>,
    value: &T,
    names: &[&str],
) -> PyResult<Bound<'py, PyDict>> {
    let json = serde_json::to_value(value).unwrap_or_default();
    let dict = PyDict::new(obj.py());
    for name in names {
        if json.get(*name).is_some() {
            dict.set_item(*name, plain(&obj.getattr(*name)?)?)?;
        }
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
pub(crate) fn repr(obj: &Bound<'_, PyAny>, name: &str, names: &[&str]) -> PyResult<String> {
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

/// The Python methods of a result class (`__repr__`, `to_dict()`; with
/// `shown`, `__str__` from its `Display`). Invoked beside each type by the
/// module that defines it: a result's rule module owns its Python face as it
/// owns its `Display`.
macro_rules! class {
    (shown: $($t:ty),* $(,)?) => {$(
        #[pyo3::pymethods]
        impl $t {
            fn __repr__(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<String> {
                $crate::base::python::repr(slf.as_any(), stringify!($t), $crate::base::python::fields::<$t>())
            }

            fn __str__(&self) -> String {
                self.to_string()
            }

            /// The result as a plain dict with the keys of its JSON: dates stay
            /// `datetime.date`, money `decimal.Decimal`; nested results become dicts.
            fn to_dict<'py>(slf: &pyo3::Bound<'py, Self>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyDict>> {
                $crate::base::python::to_dict(slf.as_any(), &*slf.borrow(), $crate::base::python::fields::<$t>())
            }
        }
    )*};
    ($($t:ty),* $(,)?) => {$(
        #[pyo3::pymethods]
        impl $t {
            fn __repr__(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<String> {
                $crate::base::python::repr(slf.as_any(), stringify!($t), $crate::base::python::fields::<$t>())
            }

            /// The value as a plain dict with the keys of its JSON: dates stay
            /// `datetime.date`, money `decimal.Decimal`; nested values become dicts.
            fn to_dict<'py>(slf: &pyo3::Bound<'py, Self>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyDict>> {
                $crate::base::python::to_dict(slf.as_any(), &*slf.borrow(), $crate::base::python::fields::<$t>())
            }
        }
    )*};
}
pub(crate) use class;
