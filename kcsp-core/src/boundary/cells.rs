//! A result as the cells of a batch row: its fields by name, typed (dates,
//! exact decimals, lists), read from its `Serialize` with a serializer of
//! our own so that the columns are derived from the result type itself.
//!
//! Nested structures are flattened one level (`figures.approved` becomes the
//! column `figures_approved`); the explanation becomes its `reason`; a list
//! of structures stays JSON.

use crate::base::money::DECIMAL_MARK;
use crate::boundary::table::Cell;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::ser::{self, Serialize};
use std::fmt::Display;
use std::str::FromStr;

/// What the serializer builds: a cell, a record or a list.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Cell(Cell),
    Record(Vec<(String, Node)>),
    List(Vec<Node>),
}

impl Node {
    fn into_cell(self) -> Cell {
        match self {
            Node::Cell(c) => c,
            Node::List(items) => {
                if items.iter().all(|n| matches!(n, Node::Cell(_))) {
                    Cell::List(items.into_iter().map(Node::into_cell).collect())
                } else {
                    Cell::Json(serde_json::Value::Array(
                        items.into_iter().map(Node::into_json).collect(),
                    ))
                }
            }
            r @ Node::Record(_) => Cell::Json(r.into_json()),
        }
    }

    fn into_json(self) -> serde_json::Value {
        match self {
            Node::Cell(c) => c.to_value(),
            Node::List(items) => serde_json::Value::Array(items.into_iter().map(Node::into_json).collect()),
            Node::Record(fields) => {
                serde_json::Value::Object(fields.into_iter().map(|(k, v)| (k, v.into_json())).collect())
            }
        }
    }
}

/// The cells of a result, by column name.
pub(crate) fn record<T: Serialize + ?Sized>(value: &T) -> Vec<(String, Cell)> {
    let node = value.serialize(Writer).unwrap_or_else(|e| Node::Cell(Cell::Text(e.0)));
    let mut out = Vec::new();
    match node {
        Node::Record(fields) => {
            for (name, node) in fields {
                match node {
                    Node::Record(inner) if name == "explanation" => {
                        let reason = inner
                            .into_iter()
                            .find(|(k, _)| k == "reason")
                            .map(|(_, v)| v.into_cell());
                        out.push(("reason".to_string(), reason.unwrap_or(Cell::Null)));
                    }
                    Node::Record(inner) => {
                        for (k, v) in inner {
                            out.push((format!("{name}_{k}"), v.into_cell()));
                        }
                    }
                    other => out.push((name, other.into_cell())),
                }
            }
        }
        other => out.push(("value".to_string(), other.into_cell())),
    }
    out
}

#[derive(Debug)]
struct Failed(String);

impl Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Failed {}
impl ser::Error for Failed {
    fn custom<T: Display>(msg: T) -> Self {
        Failed(msg.to_string())
    }
}

struct Writer;

type R = std::result::Result<Node, Failed>;

fn cell(c: Cell) -> R {
    Ok(Node::Cell(c))
}

impl ser::Serializer for Writer {
    type Ok = Node;
    type Error = Failed;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = Rec;
    type SerializeStruct = Rec;
    type SerializeStructVariant = Rec;

    fn serialize_bool(self, v: bool) -> R {
        cell(Cell::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> R {
        cell(Cell::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> R {
        cell(Cell::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> R {
        cell(Cell::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> R {
        cell(Cell::Int(v))
    }
    fn serialize_u8(self, v: u8) -> R {
        cell(Cell::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> R {
        cell(Cell::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> R {
        cell(Cell::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> R {
        cell(i64::try_from(v).map_or_else(|_| Cell::Text(v.to_string()), Cell::Int))
    }
    fn serialize_f32(self, v: f32) -> R {
        cell(Cell::Text(v.to_string()))
    }
    fn serialize_f64(self, v: f64) -> R {
        cell(Cell::Text(v.to_string()))
    }
    fn serialize_char(self, v: char) -> R {
        cell(Cell::Text(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> R {
        cell(Cell::Text(v.to_string()))
    }
    /// Dates come this way (chrono writes them with `collect_str`); so may
    /// other text, which stays text unless it is a strict ISO date.
    fn collect_str<T: Display + ?Sized>(self, v: &T) -> R {
        let text = v.to_string();
        let date = (text.len() == 10)
            .then(|| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok())
            .flatten();
        cell(date.map_or(Cell::Text(text), Cell::Date))
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        cell(Cell::Text(String::from_utf8_lossy(v).into_owned()))
    }
    fn serialize_none(self) -> R {
        cell(Cell::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_unit(self) -> R {
        cell(Cell::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        cell(Cell::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        cell(Cell::Text(variant.to_string()))
    }
    /// Money and percentages are marked, and become exact decimals.
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, v: &T) -> R {
        let inner = v.serialize(Writer)?;
        if name == DECIMAL_MARK {
            if let Node::Cell(Cell::Text(t)) = &inner {
                if let Ok(d) = Decimal::from_str(t) {
                    return cell(Cell::Decimal(d));
                }
            }
        }
        Ok(inner)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> R {
        Ok(Node::Record(vec![(variant.to_string(), v.serialize(Writer)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> std::result::Result<Seq, Failed> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> std::result::Result<Seq, Failed> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> std::result::Result<Seq, Failed> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> std::result::Result<Seq, Failed> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> std::result::Result<Rec, Failed> {
        Ok(Rec(Vec::new(), None))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> std::result::Result<Rec, Failed> {
        Ok(Rec(Vec::with_capacity(len), None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> std::result::Result<Rec, Failed> {
        Ok(Rec(Vec::with_capacity(len), None))
    }
}

struct Seq(Vec<Node>);

impl ser::SerializeSeq for Seq {
    type Ok = Node;
    type Error = Failed;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> std::result::Result<(), Failed> {
        self.0.push(v.serialize(Writer)?);
        Ok(())
    }
    fn end(self) -> R {
        Ok(Node::List(self.0))
    }
}

macro_rules! seq_like {
    ($($t:ident: $f:ident),*) => {$(
        impl ser::$t for Seq {
            type Ok = Node;
            type Error = Failed;
            fn $f<T: Serialize + ?Sized>(&mut self, v: &T) -> std::result::Result<(), Failed> {
                ser::SerializeSeq::serialize_element(self, v)
            }
            fn end(self) -> R {
                ser::SerializeSeq::end(self)
            }
        }
    )*};
}
seq_like!(SerializeTuple: serialize_element, SerializeTupleStruct: serialize_field, SerializeTupleVariant: serialize_field);

struct Rec(Vec<(String, Node)>, Option<String>);

impl ser::SerializeMap for Rec {
    type Ok = Node;
    type Error = Failed;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> std::result::Result<(), Failed> {
        let key = match k.serialize(Writer)? {
            Node::Cell(c) => match c.to_value() {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            },
            other => other.into_json().to_string(),
        };
        self.1 = Some(key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> std::result::Result<(), Failed> {
        let key = self.1.take().unwrap_or_default();
        self.0.push((key, v.serialize(Writer)?));
        Ok(())
    }
    fn end(self) -> R {
        Ok(Node::Record(self.0))
    }
}

impl ser::SerializeStruct for Rec {
    type Ok = Node;
    type Error = Failed;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, k: &'static str, v: &T) -> std::result::Result<(), Failed> {
        self.0.push((k.to_string(), v.serialize(Writer)?));
        Ok(())
    }
    fn skip_field(&mut self, k: &'static str) -> std::result::Result<(), Failed> {
        // A field left out when empty is still a column.
        self.0.push((k.to_string(), Node::Cell(Cell::Null)));
        Ok(())
    }
    fn end(self) -> R {
        Ok(Node::Record(self.0))
    }
}

impl ser::SerializeStructVariant for Rec {
    type Ok = Node;
    type Error = Failed;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, k: &'static str, v: &T) -> std::result::Result<(), Failed> {
        ser::SerializeStruct::serialize_field(self, k, v)
    }
    fn end(self) -> R {
        Ok(Node::Record(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::money::Money;

    #[derive(serde::Serialize)]
    struct Inner {
        approved: Money,
    }
    #[derive(serde::Serialize)]
    struct Sample {
        quorate: bool,
        date: NaiveDate,
        code: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        required: Option<u32>,
        missing: Vec<&'static str>,
        figures: Inner,
        warnings: Vec<Inner>,
    }

    #[test]
    fn typed_cells_flattened_one_level() {
        let d = NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
        let m = Money::parse("", "12.50").unwrap();
        let s = Sample {
            quorate: true,
            date: d,
            code: "2022-07-14x",
            required: None,
            missing: vec!["a"],
            figures: Inner { approved: m },
            warnings: vec![Inner { approved: m }],
        };
        let r = record(&s);
        let names: Vec<&str> = r.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "quorate",
                "date",
                "code",
                "required",
                "missing",
                "figures_approved",
                "warnings"
            ]
        );
        assert_eq!(r[1].1, Cell::Date(d));
        assert_eq!(r[2].1, Cell::Text("2022-07-14x".into()));
        assert_eq!(r[3].1, Cell::Null);
        assert_eq!(r[4].1, Cell::List(vec![Cell::Text("a".into())]));
        assert_eq!(r[5].1, Cell::Decimal(Decimal::new(1250, 2)));
        assert_eq!(r[6].1, Cell::Json(serde_json::json!([{"approved": "12.50"}])));
    }
}
