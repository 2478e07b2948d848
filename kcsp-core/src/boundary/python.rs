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
use pyo3::types::PyList;

/// A row a context method returns ([`crate::api`]), as the Python tuple
/// of its fields.
pub trait Row {
    /// The row as a tuple.
    fn row<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

/// Rows of fields: `row!(Type: a, b, c)`.
macro_rules! row {
    ($($t:ty: $($f:ident),+;)*) => {$(
        impl Row for $t {
            fn row<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(($(&self.$f),+).into_pyobject(py)?.into_any())
            }
        }
    )*};
}

row! {
    crate::boundary::api::partnership::BodyOption: id, name;
    crate::boundary::api::partnership::OrganisationOption: id, name, from, to, attendee_only;
    crate::definitions::partnership::SeatOnDate: id, name, holder;
    crate::definitions::calendar::BankHoliday: date, name;
}

/// The rows a context method returns as a Python list of tuples.
pub fn rows<'py, T: Row>(py: Python<'py>, rows: &[T]) -> PyResult<Bound<'py, PyList>> {
    let items = rows.iter().map(|r| r.row(py)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// Adds class `T` to `m`, its docstring read as Python docs: the Rust
/// examples (fenced code) of its rustdoc left out, rustdoc links as code.
fn add<T: pyo3::PyClass>(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<T>()?;
    let class = m.py().get_type::<T>();
    let doc: Option<String> = class.getattr("__doc__")?.extract()?;
    if let Some(doc) = doc {
        class.setattr("__doc__", tidy_doc(&doc))?;
    }
    Ok(())
}

/// A rustdoc comment as a docstring: fenced code (the Rust examples)
/// dropped, and a rustdoc link `[`a::B`]` written `` `B` ``.
pub(crate) fn tidy_doc(doc: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut fenced = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let mut text = String::new();
        let mut rest = line;
        while let Some((before, after)) = rest.split_once("[`") {
            let Some((inner, after)) = after.split_once("`]") else {
                break;
            };
            text.push_str(before);
            text.push('`');
            text.push_str(inner.rsplit("::").next().unwrap_or(inner));
            text.push('`');
            rest = after;
            // `[`x`](path)`: the path dropped.
            if let Some((_, after)) = rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
                rest = after;
            }
        }
        text.push_str(rest);
        out.push(text);
    }
    out.join("\n").trim_end().to_string()
}

/// The results of every rule of the registry, derived from it: [`add_classes`]
/// and [`into_python`].
macro_rules! results {
    ($($(#[doc = $doc:literal])* $name:ident = $id:path, $input:ty => $output:ty,
       reads($p:literal, $c:literal), family($family:literal), batch($shape:expr), |$ctx:ident, $i:ident| $body:expr;)*) => {
        /// Adds every result class to a Python module (the `kcsp` package's
        /// native module): each rule's result, and the values results hold.
        pub fn add_classes(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $( add::<<crate::boundary::registry::$name as Rule>::Output>(m)?; )*
            add::<crate::definitions::explain::Explanation>(m)?;
            add::<crate::definitions::explain::Citation>(m)?;
            add::<crate::definitions::explain::Figure>(m)?;
            add::<crate::definitions::explain::CalendarSource>(m)?;
            add::<crate::definitions::calendar::BankHoliday>(m)?;
            add::<crate::rules::dhr::OverdueCase>(m)?;
            add::<crate::rules::grant::Warning>(m)?;
            add::<crate::rules::grant::Project>(m)?;
            add::<crate::rules::reconcile::Discrepancy>(m)?;
            add::<crate::rules::tactical::ShutGate>(m)?;
            add::<crate::rules::protocol::Extension>(m)?;
            add::<crate::rules::quorum::ConditionResult>(m)?;
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
