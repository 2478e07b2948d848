//! The service example, driven over loopback as a case-management system
//! would: a decision, a coded error (422), form validation, a receipt
//! stored and verified, another partnership loaded from a file at start.

#[path = "../examples/service.rs"]
#[allow(dead_code)]
mod service;

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

/// One HTTP/1.1 request over a fresh connection; (status, JSON body).
fn request(addr: SocketAddr, method: &str, path: &str, body: &Value) -> (u16, Value) {
    let body = body.to_string();
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status: u16 = text.split(' ').nth(1).unwrap().parse().unwrap();
    let payload = text.split("\r\n\r\n").nth(1).unwrap_or("");
    // A chunked body: take the JSON between the first '{' and the last '}'.
    let json = payload
        .find('{')
        .and_then(|a| payload.rfind('}').map(|b| &payload[a..=b]))
        .unwrap_or("null");
    (status, serde_json::from_str(json).unwrap())
}

fn serve(ctx: kcsp_core::Context) -> SocketAddr {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        rt.block_on(async move { axum::serve(listener, service::app(ctx)).await.unwrap() });
    });
    addr
}

#[test]
fn a_case_management_system_uses_the_rules_over_http() {
    let addr = serve(service::context(None, None).unwrap());
    let (status, rules) = request(addr, "GET", "/rules", &Value::Null);
    assert_eq!(status, 200);
    assert!(rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "grant_ledger"));

    let meeting = json!({"body": "kcsp", "date": "2022-07-14",
        "present": ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]});
    let (status, q) = request(addr, "POST", "/rules/quorum", &meeting);
    assert_eq!(status, 200);
    assert_eq!(q["quorate"], true);

    let (status, e) = request(
        addr,
        "POST",
        "/rules/quorum",
        &json!({"body": "kcsp", "date": "2022-02-30", "present": []}),
    );
    assert_eq!(status, 422);
    assert_eq!(
        (e["code"].as_str(), e["field"].as_str()),
        (Some("invalid_date"), Some("date"))
    );
    assert_eq!(e["public_message"], "Date must be a real date – check the day");

    let (status, _) = request(addr, "POST", "/rules/nope", &json!({}));
    assert_eq!(status, 404);

    let (status, v) = request(
        addr,
        "POST",
        "/rules/papers_deadline/validate",
        &json!({"meeting": "14/07/2022", "circulated": "2022-07-32"}),
    );
    assert_eq!(status, 200);
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"].as_array().unwrap().len(), 2);

    let (status, receipt) = request(addr, "POST", "/rules/quorum/receipt", &meeting);
    assert_eq!(status, 200);
    assert!(receipt["context_hash"].as_str().unwrap().starts_with("sha256:"));
    let (status, verdict) = request(addr, "POST", "/receipts/verify", &receipt);
    assert_eq!(status, 200);
    assert_eq!(verdict["holds"], true);
    let mut tampered = receipt.clone();
    tampered["result"]["quorate"] = json!(false);
    assert_eq!(request(addr, "POST", "/receipts/verify", &tampered).1["holds"], false);
}

#[test]
fn another_partnership_and_calendar_from_files() {
    let dir = std::env::temp_dir().join(format!("kcsp-service-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("northshire.json");
    std::fs::write(
        &p,
        json!({"name": "Northshire CSP", "organisations": [{"id": "n_police", "name": "Police"}],
            "bodies": [{"id": "board", "name": "Board",
              "seats": [{"id": "police", "name": "Police", "holders": [{"organisation": "n_police"}]}],
              "terms": [{"quorum": {"basis": "seats", "required": 1}, "chair": {"kind": "elected", "term_months": 12},
                         "papers": {"working_days": 1}, "review": {"interval_months": 12}}]}]})
        .to_string(),
    )
    .unwrap();
    let c = dir.join("calendar.json");
    std::fs::write(&c, json!({"add": ["2027-06-04"]}).to_string()).unwrap();
    let ctx = service::context(p.to_str(), c.to_str()).unwrap();
    let addr = serve(ctx);
    let (status, q) = request(
        addr,
        "POST",
        "/rules/quorum",
        &json!({"body": "board", "date": "2027-06-04", "present": ["n_police"]}),
    );
    assert_eq!((status, q["quorate"].clone()), (200, json!(true)));
    // One clear working day before Monday 7 June 2027, Friday 4 June being a holiday now.
    let (_, p) = request(
        addr,
        "POST",
        "/rules/papers_deadline",
        &json!({"body": "board", "meeting": "2027-06-07"}),
    );
    assert_eq!(p["latest_circulation"], "2027-06-02");
    let (status, e) = request(
        addr,
        "POST",
        "/rules/quorum",
        &json!({"body": "kcsp", "date": "2027-06-04", "present": []}),
    );
    assert_eq!((status, e["code"].clone()), (422, json!("unknown_body")));
    std::fs::remove_dir_all(&dir).ok();
}
