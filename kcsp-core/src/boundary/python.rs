//! The Python face of the result types (feature `python`, used by the
//! `kcsp` Python package): every result is a frozen `pyo3` class with
//! read-only attributes, `repr`, `to_dict()` and `==`; ids, years and
//! enumerations arrive as `str`, dates as `datetime.date`, money and
//! percentages as `decimal.Decimal`. Nested results (the explanation, say)
//! become Python objects only when read.
//!
//! There is no rule here, only conversions.

use crate::boundary::registry::{Output, Rule};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

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

/// The results of every rule of the registry, derived from it: [`add_classes`]
/// and [`into_python`].
macro_rules! results {
    ($($(#[doc = $doc:literal])* $name:ident = $id:path, $input:ty => $output:ty,
       reads($p:literal, $c:literal), family($family:literal), |$ctx:ident, $i:ident| $body:expr;)*) => {
        /// Adds every result class to a Python module (the `kcsp` package's
        /// native module): each rule's result, and the values results hold.
        pub fn add_classes(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $( m.add_class::<<crate::boundary::registry::$name as Rule>::Output>()?; )*
            m.add_class::<crate::definitions::explain::Explanation>()?;
            m.add_class::<crate::definitions::explain::Citation>()?;
            m.add_class::<crate::definitions::explain::Figure>()?;
            m.add_class::<crate::definitions::explain::CalendarSource>()?;
            m.add_class::<crate::definitions::calendar::BankHoliday>()?;
            m.add_class::<crate::rules::dhr::OverdueCase>()?;
            m.add_class::<crate::rules::grant::Warning>()?;
            m.add_class::<crate::rules::grant::Project>()?;
            m.add_class::<crate::rules::reconcile::Discrepancy>()?;
            m.add_class::<crate::rules::tactical::ShutGate>()?;
            m.add_class::<crate::rules::protocol::Extension>()?;
            Ok(())
        }

        /// A rule's result (what [`registry::decide`](crate::registry::decide)
        /// returns) as its Python class.
        pub fn into_python<'py>(py: Python<'py>, out: Box<dyn Output>) -> PyResult<Bound<'py, PyAny>> {
            let any = out.into_any();
            $(
                let any = match any.downcast::<<crate::boundary::registry::$name as Rule>::Output>() {
                    Ok(result) => return Ok((*result).into_pyobject(py)?.into_any()),
                    Err(other) => other,
                };
            )*
            let _ = any;
            Err(pyo3::exceptions::PyTypeError::new_err("kcsp: a result of no rule of the registry"))
        }
    };
}

crate::for_each_rule!(results);
