//! The batch engine against the same requests made one at a time.

#![cfg(feature = "batch")]

use kcsp_core::table::{Cell, Column, Sheet, Table, Values};
use kcsp_core::{batch, registry, Context};
use serde_json::{json, Value};

fn sheet<'a>(cols: &'a [(&'a str, Values)]) -> Sheet<'a> {
    Sheet {
        rows: cols.first().map_or(0, |(_, c)| c.len()),
        columns: cols.iter().map(|(n, c)| (*n, c as &dyn Column)).collect(),
        names: vec![],
        values: Default::default(),
        labels: None,
    }
}

fn col(v: &[&str]) -> Values {
    Values(
        v.iter()
            .map(|s| if s.is_empty() { Value::Null } else { json!(s) })
            .collect(),
    )
}

fn row(t: &Table, i: usize) -> Vec<(String, Cell)> {
    t.columns.iter().map(|(n, c)| (n.clone(), c.get(i))).collect()
}

/// The cells a single request's result gives, as the batch writes them.
fn single(rule: &str, input: Value) -> Vec<(String, Cell)> {
    let (out, _) = registry::decide(Context::kent(), rule, &input).unwrap();
    out.cells()
}

fn kcsp_register() -> Vec<(&'static str, Values)> {
    let k = [
        "kent_police",
        "kent_county_council",
        "office_of_the_pcc",
        "kent_fire_and_rescue",
    ];
    let mut m = vec![];
    let mut b = vec![];
    let mut d = vec![];
    let mut o = vec![];
    for o_ in k {
        m.push("m1");
        b.push("kcsp");
        d.push("2022-07-14");
        o.push(o_);
    }
    // A DHR Steering Group meeting with the same id, judged by its own terms.
    for o_ in ["kent_police", "kent_county_council", "health"] {
        m.push("m1");
        b.push("dhr_steering_group");
        d.push("2022-09-01");
        o.push(o_);
    }
    m.push("m2");
    b.push("kcsp");
    d.push("2022-11-17");
    o.push("kent_police");
    vec![
        ("meeting_id", col(&m)),
        ("body", col(&b)),
        ("date", col(&d)),
        ("organisation", col(&o)),
    ]
}

#[test]
fn a_mixed_register_is_judged_body_by_body() {
    let cols = kcsp_register();
    let t = batch::run(Context::kent(), "quorum", &sheet(&cols)).unwrap();
    assert_eq!(t.rows(), 3);
    assert_eq!(
        t.column("body").unwrap().get(1),
        Cell::Text("dhr_steering_group".into())
    );
    let want = single(
        "quorum",
        json!({"body": "dhr_steering_group", "date": "2022-09-01",
               "present": ["kent_police", "kent_county_council", "health"]}),
    );
    let got = row(&t, 1);
    for (name, cell) in want.iter().filter(|(n, _)| n != "body") {
        let (_, g) = got.iter().find(|(n, _)| n == name).unwrap();
        assert_eq!(g, cell, "{name}");
    }
    assert!(t.errors.is_empty());
}

#[test]
fn the_fast_path_and_the_generic_path_agree() {
    // A bad row in a meeting of its own sends the batch down the generic
    // path; the other meetings must read the same.
    let good = kcsp_register();
    let mut bad = kcsp_register();
    for (name, c) in &mut bad {
        c.0.push(json!(match *name {
            "meeting_id" => "m3",
            "body" => "kcsp",
            "date" => "2022-02-30",
            _ => "kent_police",
        }));
    }
    let fast = batch::run(Context::kent(), "quorum", &sheet(&good)).unwrap();
    let slow = batch::run(Context::kent(), "quorum", &sheet(&bad)).unwrap();
    assert_eq!(slow.rows(), 4);
    for i in 0..3 {
        assert_eq!(row(&fast, i), row(&slow, i));
    }
    assert_eq!(slow.errors.len(), 1);
    assert_eq!(
        (slow.errors[0].error.code(), slow.errors[0].error.field()),
        ("invalid_date", "rows[8].date")
    );
    assert_eq!(
        slow.column("error_code").unwrap().get(3),
        Cell::Text("invalid_date".into())
    );
}

#[test]
fn labels_and_every_error_of_a_year() {
    let cols = vec![
        ("year", col(&["2022/23", "2022/23", "2022/23"])),
        ("allocation", col(&["39661", "39661", "39661"])),
        ("name", col(&["a", "", "c"])),
        ("round", col(&["upfront", "upfronts", "tactical"])),
        ("amount", col(&["10", "ten", "5.001"])),
        ("decision", col(&["approved", "approved", "maybe"])),
    ];
    let labels = vec!["10".to_string(), "11".to_string(), "12".to_string()];
    let mut s = sheet(&cols);
    s.labels = Some(&labels);
    let t = batch::run(Context::kent(), "grant_ledger", &s).unwrap();
    assert_eq!(t.rows(), 1);
    let found: Vec<(&str, &str)> = t.errors.iter().map(|e| (e.error.code(), e.error.field())).collect();
    let single = registry::validate(
        Context::kent(),
        "grant_ledger",
        &json!({"year": "2022/23", "allocation": "39661", "projects": [
            {"name": "a", "round": "upfront", "amount": "10", "decision": "approved"},
            {"round": "upfronts", "amount": "ten", "decision": "approved"},
            {"name": "c", "round": "tactical", "amount": "5.001", "decision": "maybe"}]}),
    )
    .unwrap();
    assert_eq!(found.len(), single.len());
    assert!(found.len() >= 4, "{found:?}");
    assert!(found.contains(&("invalid_amount", "rows[11].amount")), "{found:?}");
    assert!(found.iter().all(|(_, f)| f.starts_with("rows[1")), "{found:?}");
}

#[test]
fn a_value_given_once_and_a_column_that_contradicts_it() {
    let cols = kcsp_register();
    let mut s = sheet(&cols);
    s.values.insert("body".into(), json!("kcsp"));
    let e = batch::run(Context::kent(), "quorum", &s).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_input", "body"));
    let e = batch::run(Context::kent(), "quorum", &sheet(&cols[..2])).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_input", "date"));
}

#[test]
fn cadence_years_from_a_register_with_the_other_bodys_meetings() {
    let cols = vec![
        ("body", col(&["kcsp", "kcsp", "kcsp", "working_group", "working_group"])),
        (
            "date",
            col(&["2023-07-12", "2023-11-16", "2024-03-14", "2023-06-20", "2024-02-28"]),
        ),
    ];
    let t = batch::run(Context::kent(), "meeting_cadence", &sheet(&cols)).unwrap();
    assert_eq!(t.rows(), 2);
    assert_eq!(t.column("compliant").unwrap().get(0), Cell::Bool(true));
    let d = chrono::NaiveDate::from_ymd_opt(2023, 11, 16).unwrap();
    assert_eq!(t.column("unprepared").unwrap().get(1), Cell::List(vec![Cell::Date(d)]));
    let want = kcsp_core::cadence::register(
        Context::kent(),
        &[("working_group", chrono::NaiveDate::from_ymd_opt(2023, 6, 20).unwrap())],
    );
    assert_eq!(want.len(), 1);
}

#[test]
fn one_request_per_row_with_lists_as_text() {
    let cols = vec![
        ("date", col(&["2022-07-14", "2022-07-14"])),
        ("office", col(&["chair", "vice_chair"])),
        (
            "present",
            col(&[
                "kent_police;kent_county_council;office_of_the_pcc;kent_fire_and_rescue",
                "kent_police",
            ]),
        ),
        (
            "votes_for",
            col(&["kent_police;kent_county_council;office_of_the_pcc", "kent_police"]),
        ),
    ];
    let t = batch::run(Context::kent(), "chair_removal", &sheet(&cols)).unwrap();
    assert_eq!(t.rows(), 2);
    let want = single(
        "chair_removal",
        json!({"date": "2022-07-14", "office": "chair",
               "present": ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"],
               "votes_for": ["kent_police", "kent_county_council", "office_of_the_pcc"]}),
    );
    let got = row(&t, 0);
    assert_eq!(&got[..want.len()], &want[..]);
}

#[test]
fn columns_hold_one_type_each() {
    use kcsp_core::table::Cells;
    let d = chrono::NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
    // A key column of dates with one key that is no date: that cell is missing.
    let keys = Cells::from_cells(vec![Cell::Date(d), Cell::Text("31/02/2022".into()), Cell::Null]);
    assert!(matches!(keys, Cells::Date(_)));
    assert_eq!(
        (keys.get(0), keys.get(1), keys.get(2)),
        (Cell::Date(d), Cell::Null, Cell::Null)
    );
    // Text with a number and a yes/no among it: their text.
    let text = Cells::from_cells(vec![Cell::Int(7), Cell::Text("x".into()), Cell::Bool(true)]);
    assert_eq!(
        text.iter().collect::<Vec<_>>(),
        [
            Cell::Text("7".into()),
            Cell::Text("x".into()),
            Cell::Text("true".into())
        ]
    );
    // Lists keep their items and which rows have none.
    let lists = Cells::from_cells(vec![
        Cell::List(vec![Cell::Text("a".into()), Cell::Text("b".into())]),
        Cell::Null,
        Cell::List(vec![]),
    ]);
    assert_eq!(
        lists.get(0),
        Cell::List(vec![Cell::Text("a".into()), Cell::Text("b".into())])
    );
    assert_eq!((lists.get(1), lists.get(2)), (Cell::Null, Cell::List(vec![])));
    // Nothing at all: a column of missing cells, of its length.
    assert_eq!(Cells::from_cells(vec![Cell::Null; 3]), Cells::Null(3));
    assert_eq!(lists.get(9), Cell::Null);
}

#[cfg(feature = "arrow")]
#[test]
fn a_table_goes_to_arrow_as_typed_columns() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Decimal128Type;
    use arrow_array::Array;
    use arrow_schema::DataType;
    // A year's ledger: money as decimals with two places, lists of text, a
    // meeting register's dates.
    let cols = vec![
        ("year", col(&["2022/23", "2022/23"])),
        ("allocation", col(&["39661", "39661"])),
        ("name", col(&["a", "b"])),
        ("round", col(&["upfront", "tactical"])),
        ("amount", col(&["10.5", "5"])),
        ("decision", col(&["approved", "approved"])),
    ];
    let t = batch::run(Context::kent(), "grant_ledger", &sheet(&cols)).unwrap();
    assert!(t.errors.is_empty(), "{:?}", t.errors);
    assert_eq!(
        t.column("upfront_approved").unwrap().get(0),
        Cell::Decimal("10.50".parse().unwrap())
    );
    let rb = kcsp_core::arrow::record_batch(t.columns, kcsp_core::arrow::Text::Offsets).unwrap();
    assert_eq!(rb.num_rows(), 1);
    let schema = rb.schema();
    assert_eq!(
        rb.column(schema.index_of("year").unwrap()).as_string::<i32>().value(0),
        "2022/23"
    );
    assert!(rb.column(schema.index_of("error_code").unwrap()).is_null(0));
    let approved = rb.column(schema.index_of("upfront_approved").unwrap());
    assert_eq!(approved.data_type(), &DataType::Decimal128(38, 2));
    assert_eq!(approved.as_primitive::<Decimal128Type>().value(0), 1050);

    let register = kcsp_register();
    let t = batch::run(Context::kent(), "quorum", &sheet(&register)).unwrap();
    let expected: Vec<Cell> = t.column("represented").unwrap().iter().collect();
    // Text as views (what polars keeps): the same cells.
    let rb = kcsp_core::arrow::record_batch(t.columns, kcsp_core::arrow::Text::Views).unwrap();
    let schema = rb.schema();
    assert_eq!(
        rb.column(schema.index_of("date").unwrap()).data_type(),
        &DataType::Date32
    );
    let represented = rb
        .column(schema.index_of("represented").unwrap())
        .as_list::<i32>()
        .clone();
    for (i, cell) in expected.iter().enumerate() {
        let Cell::List(items) = cell else { panic!("{cell:?}") };
        let got = represented.value(i);
        let got = got.as_string_view();
        assert_eq!(got.len(), items.len());
        for (k, item) in items.iter().enumerate() {
            assert_eq!(&Cell::Text(got.value(k).to_string()), item);
        }
    }
}

/// A register of 2,500 rows (more than one block of the fast path) in
/// Arrow chunks of uneven sizes, one of them empty, dates as Arrow dates:
/// the same answers as the same rows given as JSON values.
#[cfg(feature = "arrow")]
#[test]
fn a_register_in_arrow_chunks_answers_as_json_rows_do() {
    use arrow_array::{ArrayRef, Date32Array, StringArray, StringViewArray};
    use kcsp_core::arrow::ArrowColumn;
    use std::sync::Arc;
    let orgs = [
        "kent_police",
        "kent_county_council",
        "office_of_the_pcc",
        "nhs_kent_and_medway",
        "probation_service",
        "local_csp_chair",
    ];
    let (mut m, mut d, mut o) = (vec![], vec![], vec![]);
    for row in 0..2500usize {
        let meeting = row / 7;
        m.push(format!("m{meeting}"));
        d.push(chrono::NaiveDate::from_ymd_opt(2022, 7, 1).unwrap() + chrono::Days::new((meeting % 300) as u64));
        o.push(orgs[(row * 5 + meeting) % orgs.len()]);
    }
    let cuts = [0, 700, 700, 1500, 2500];
    let chunks =
        |f: &dyn Fn(usize, usize) -> ArrayRef| -> Vec<ArrayRef> { cuts.windows(2).map(|w| f(w[0], w[1])).collect() };
    let meeting = ArrowColumn::new(&chunks(&|a, b| {
        Arc::new(StringViewArray::from_iter_values(m[a..b].iter()))
    }))
    .unwrap();
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let date = ArrowColumn::new(&chunks(&|a, b| {
        Arc::new(Date32Array::from_iter_values(
            d[a..b].iter().map(|x| (*x - epoch).num_days() as i32),
        ))
    }))
    .unwrap();
    let org = ArrowColumn::new(&chunks(&|a, b| Arc::new(StringArray::from_iter_values(o[a..b].iter())))).unwrap();
    let arrow_sheet = Sheet {
        rows: 2500,
        columns: vec![
            ("meeting_id", &meeting as &dyn Column),
            ("date", &date),
            ("organisation", &org),
        ],
        names: vec![],
        values: Default::default(),
        labels: None,
    };
    let fast = batch::run(Context::kent(), "quorum", &arrow_sheet).unwrap();
    let json = |v: Vec<String>| Values(v.into_iter().map(Value::String).collect());
    let cols = vec![
        ("meeting_id", json(m.clone())),
        ("date", json(d.iter().map(|x| x.to_string()).collect())),
        ("organisation", json(o.iter().map(|x| x.to_string()).collect())),
    ];
    let plain = batch::run(Context::kent(), "quorum", &sheet(&cols)).unwrap();
    assert_eq!(fast.rows(), 2500usize.div_ceil(7));
    assert!(fast.errors.is_empty(), "{:?}", fast.errors.first());
    for i in 0..fast.rows() {
        assert_eq!(row(&fast, i), row(&plain, i), "meeting {i}");
    }
    // Quorate meetings and inquorate ones both occur.
    let quorate: Vec<Cell> = fast.column("quorate").unwrap().iter().collect();
    assert!(quorate.contains(&Cell::Bool(true)) && quorate.contains(&Cell::Bool(false)));
}

/// Registers with bad cells of every kind (dates that are not dates, the
/// same or different in a meeting's rows; unknown, badly written and
/// missing organisations; missing meeting ids; several bodies), each
/// answered by the quorum's faster paths and by the generic engine alone:
/// the same table and the same errors, cell for cell.
#[test]
fn the_quorum_fast_paths_answer_as_the_generic_engine_on_bad_rows() {
    let dates = [
        "2022-07-14",
        "2022-07-14",
        "2022-09-01",
        "31/02/2022",
        "2022-02-30",
        "14 July 2022",
        "",
    ];
    let orgs = [
        "kent_police",
        "kent_county_council",
        "office_of_the_pcc",
        "kent_fire_and_rescue",
        "health",
        "nhs_kent_and_medway",
        "kent_polise",
        "Kent Police",
        "",
    ];
    let bodies = ["kcsp", "kcsp", "dhr_steering_group"];
    let mut seed: u64 = 7;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap() % n
    };
    let mut fast_kinds = 0;
    for case in 0..400 {
        // How bad the register is: from every row good to most rows bad.
        let badness = case % 5;
        let meetings = 1 + next(6);
        let (mut m, mut b, mut d, mut o) = (vec![], vec![], vec![], vec![]);
        // Each meeting's body, day, and whether its date is bad: in every
        // row the same way (most), or in some rows only.
        let plan: Vec<(usize, usize, usize)> = (0..meetings)
            .map(|_| {
                (
                    next(bodies.len()),
                    next(2),
                    if next(4) < badness { 1 + next(4) / 3 } else { 0 },
                )
            })
            .collect();
        for _ in 0..(meetings * 4) {
            let k = next(meetings);
            let (body, day, bad) = plan[k];
            let date = match bad {
                0 => dates[day * 2],
                1 => dates[3 + k % 4],
                _ if next(2) == 0 => dates[3 + next(4)],
                _ => dates[day * 2],
            };
            let org = if badness > 2 && next(6) == 0 {
                orgs[6 + next(3)]
            } else {
                orgs[next(6)]
            };
            let meeting = if badness == 4 && next(20) == 0 {
                ""
            } else {
                ["m1", "m2", "m3", "m4", "m5", "m6"][k]
            };
            m.push(meeting);
            b.push(bodies[body]);
            d.push(date);
            o.push(org);
        }
        let with_body = case % 3 != 0;
        let mut cols = vec![("meeting_id", col(&m)), ("date", col(&d)), ("organisation", col(&o))];
        if with_body {
            cols.push(("body", col(&b)));
        }
        let s = sheet(&cols);
        let fast = batch::run(Context::kent(), "quorum", &s).unwrap();
        let slow = batch::run_generic(Context::kent(), "quorum", &s).unwrap();
        let names = |t: &Table| t.columns.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&fast), names(&slow), "case {case}");
        assert_eq!(fast.rows(), slow.rows(), "case {case}");
        for i in 0..fast.rows() {
            assert_eq!(row(&fast, i), row(&slow, i), "case {case}, row {i}");
        }
        let errors = |t: &Table| {
            t.errors
                .iter()
                .map(|e| {
                    (
                        e.row,
                        e.source,
                        e.error.code().to_string(),
                        e.error.field().to_string(),
                        e.error.message().to_string(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(errors(&fast), errors(&slow), "case {case}");
        fast_kinds += usize::from(!slow.errors.is_empty());
    }
    // Bad rows were there to find.
    assert!(fast_kinds > 100, "{fast_kinds}");
}

/// A register whose every date is `31/02/2022`: each meeting keeps its
/// place, with its keys and the date's error on its first row, as the
/// generic engine has it.
#[test]
fn a_register_of_bad_dates_answers_as_the_generic_engine() {
    let n = 3000;
    let m: Vec<String> = (0..n).map(|i| format!("m{}", i / 20)).collect();
    let orgs = [
        "kent_police",
        "kent_county_council",
        "office_of_the_pcc",
        "nhs_kent_and_medway",
    ];
    let cols = vec![
        ("meeting_id", Values(m.iter().map(|x| json!(x)).collect())),
        ("date", Values(vec![json!("31/02/2022"); n])),
        ("organisation", Values((0..n).map(|i| json!(orgs[i % 4])).collect())),
    ];
    let s = sheet(&cols);
    let fast = batch::run(Context::kent(), "quorum", &s).unwrap();
    let slow = batch::run_generic(Context::kent(), "quorum", &s).unwrap();
    assert_eq!(fast, slow);
    assert_eq!(fast.rows(), n / 20);
    assert_eq!(fast.errors.len(), n / 20);
    assert_eq!(
        (
            fast.errors[1].error.code(),
            fast.errors[1].error.field(),
            fast.errors[1].source
        ),
        ("invalid_date", "rows[20].date", Some(20))
    );
    let names: Vec<&str> = fast.columns.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["body", "meeting_id", "error_code", "error_field", "error_message"]
    );
}
