//! Replays fuzz inputs through the fuzz targets' own checks
//! (`kcsp-core/fuzz/src/lib.rs`), so `cargo test` catches a regression
//! without the fuzzer: every input committed under
//! `tests/fuzz_regressions/TARGET/` (crashes found by `tests/fuzz`, kept with
//! their fixes), the seed files of `fuzz/seeds/`, and the edge cases below.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod checks;

use std::path::Path;

type Check = fn(&[u8]);

const TARGETS: &[(&str, Check)] = &[
    ("ids", checks::ids),
    ("dates", checks::dates),
    ("money", checks::money),
    ("financial_year", checks::financial_year),
    ("govuk_calendar", checks::govuk_calendar),
    ("rule_json", checks::rule_json),
    ("partnership_json", checks::partnership_json),
    ("calendar_changes", checks::calendar_changes),
];

fn check(target: &str) -> Check {
    TARGETS.iter().find(|(t, _)| *t == target).map(|(_, c)| *c).unwrap()
}

#[test]
fn committed_regressions_still_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        if !entry.path().is_dir() {
            continue;
        }
        let target = entry.file_name().into_string().unwrap();
        let run = check(&target);
        for input in std::fs::read_dir(entry.path()).unwrap() {
            let path = input.unwrap().path();
            println!("replaying {}", path.display());
            run(&std::fs::read(&path).unwrap());
            replayed += 1;
        }
    }
    println!("{replayed} regression inputs replayed");
}

#[test]
fn seeds_pass_the_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut n = 0;
    for input in std::fs::read_dir(dir).unwrap() {
        let path = input.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("partnership") {
            checks::partnership_json(&data);
        } else {
            checks::govuk_calendar(&data);
        }
        n += 1;
    }
    assert!(n >= 2);
}

#[test]
fn edge_cases_pass_the_checks() {
    let cases: &[(&str, &[&str])] = &[
        ("ids", &["", "kent_police", "Kent_police", "a", "_a", "é", &"a".repeat(64), &"a".repeat(65)]),
        (
            "dates",
            &["2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "1978-01-01", "2199-12-31", "2200-01-01", "+202-01-01", "２０２４-01-01"],
        ),
        ("money", &["0", "-0", "-0.00", "1.005", "0.1", " 5 ", "999999999999.99", "1000000000000", "1e3", "١"]),
        ("financial_year", &["2022/23", "1999/00", "1999/2000", "9998/99", "9999/00", "2022/24", "0/1", "/"]),
        ("govuk_calendar", &["", "{}", r#"{"england-and-wales":{"events":[]}}"#, r#"{"england-and-wales":{"events":[{"date":"2300-01-01"}]}}"#]),
        (
            "rule_json",
            &[
                "quorum\n{",
                "nope\n{}",
                "working_day\n{\"date\":\"2023-05-08\"}",
                "grant_ledger\n{\"year\":\"2022/23\",\"allocation\":\"1\",\"projects\":[{\"name\":\"a\",\"round\":\"upfront\",\"amount\":\"1\",\"decision\":\"approved\",\"spent\":\"2\"}]}",
                "dhr_case\n{\"case\":{},\"as_of\":\"2024-01-01\"}",
                &format!("dhr_transition\n{}", "[".repeat(200)),
            ],
        ),
        ("partnership_json", &["", "{}", "{\"name\": 1}"]),
        (
            "calendar_changes",
            &[
                "",
                "[]",
                "{}",
                r#"{"add": ["2026-06-08"], "remove": ["2026-06-08"]}"#,
                r#"{"add": ["2300-01-01"]}"#,
                r#"{"remove": ["2022-09-19"], "add": ["2022-09-20"]}"#,
                r#"{"govuk": {"england-and-wales": {"events": [{"date": "2031-06-02", "title": "x"}]}}, "remove": ["2031-06-02"]}"#,
                r#"{"colour": 1}"#,
            ],
        ),
    ];
    for (target, inputs) in cases {
        for input in *inputs {
            check(target)(input.as_bytes());
        }
    }
}
