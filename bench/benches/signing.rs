//! Cost of signing one request (`imagen_runtime::signing::Signer::sign`):
//! `cargo bench -p bench`.
//!
//! - `sign/get`: a GET with a query string (no body: no `Content-MD5`);
//! - `sign/post_1k`: a POST with a 1 KiB JSON body (adds MD5 of the body);
//! - `sign/string_only`: HMAC-SHA256 + base64 of an already built string to
//!   sign (what remains when headers and the date are not counted).
//!
//! Each iteration signs a fresh clone of the request; cloning is setup and
//! not measured.

use std::hint::black_box;
use std::time::SystemTime;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use imagen_runtime::signing::{Signer, StringToSign};
use imagen_runtime::{ApiKey, ApiSecret};

fn request(method: reqwest::Method, body: Option<Vec<u8>>) -> reqwest::Request {
    let url =
        "http://127.0.0.1:8083/imcc/v1/search/records?query=Title%3Dcaf%C3%A9&start=20&limit=50"
            .parse()
            .expect("valid URL");
    let mut req = reqwest::Request::new(method, url);
    req.headers_mut().insert(
        reqwest::header::ACCEPT,
        reqwest::header::HeaderValue::from_static("application/json"),
    );
    if let Some(b) = body {
        req.headers_mut().insert(
            reqwest::header::CONTENT_TYPE,
            reqwest::header::HeaderValue::from_static("application/json; charset=utf-8"),
        );
        *req.body_mut() = Some(b.into());
    }
    req
}

fn signing(c: &mut Criterion) {
    let signer = Signer::new(
        ApiKey::new("bench-key"),
        ApiSecret::new("bench-secret-0123456789"),
    );
    let now = SystemTime::now();
    let get = request(reqwest::Method::GET, None);
    let body: Vec<u8> = serde_json::to_vec(&serde_json::json!({
        "Name": "x".repeat(900),
        "Fields": { "Title": "café", "Tags": ["a", "b", "c"] },
    }))
    .expect("json");
    let post = request(reqwest::Method::POST, Some(body));
    let mut group = c.benchmark_group("sign");
    group.bench_function("get", |b| {
        b.iter_batched(
            || get.try_clone().expect("clonable"),
            |mut req| black_box(signer.sign(&mut req, black_box(now))),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("post_1k", |b| {
        b.iter_batched(
            || post.try_clone().expect("clonable"),
            |mut req| black_box(signer.sign(&mut req, black_box(now))),
            BatchSize::SmallInput,
        )
    });
    let mut signed = get.try_clone().expect("clonable");
    let sts: StringToSign = signer.sign(&mut signed, now);
    let secret = ApiSecret::new("bench-secret-0123456789");
    group.bench_function("string_only", |b| {
        b.iter(|| black_box(black_box(&sts).signature(&secret)))
    });
    group.finish();
}

criterion_group!(benches, signing);
criterion_main!(benches);
