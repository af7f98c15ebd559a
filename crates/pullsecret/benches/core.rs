//! Criterion benchmarks of the core on the benchmark file: 7,000 entries, about 1 MB (the same
//! mix of keys as `bench/fixture.mjs`; entries built by `create`, so in kubectl's field order).
//! Run: `cargo bench -p pullsecret`. Compare runs as ratios; the machines are shared.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
mod fixture;

use fixture::big_config;

fn benches(c: &mut Criterion) {
    let text = big_config(7000);
    assert_eq!(pullsecret::validate(&text).objects[0].entries.len(), 7000);
    let mut g = c.benchmark_group("7000 entries");
    g.sample_size(20);
    // The anchor: serde_json + base64 doing the bare minimum a console does (parse the file,
    // decode each `auth`, split at the first `:`). Compare the others to it, as ratios.
    g.bench_function("anchor: serde_json + base64, bare minimum", |b| {
        use base64::Engine;
        b.iter(|| {
            let v: serde_json::Value = serde_json::from_str(black_box(&text)).unwrap();
            let mut users = 0;
            for e in v["auths"].as_object().unwrap().values() {
                if let Some(a) = e["auth"].as_str() {
                    let bytes = base64::engine::general_purpose::STANDARD.decode(a).unwrap();
                    users += bytes.iter().position(|&c| c == b':').is_some() as usize;
                }
            }
            users
        })
    });
    // The same into a borrowed struct (no DOM, no copies of the keys), the base64 decoded into
    // one reused buffer: the stricter anchor of issue 16.
    g.bench_function("anchor: serde_json borrowed struct + base64", |b| {
        use base64::Engine;
        #[derive(serde::Deserialize)]
        struct File<'a> {
            #[serde(borrow)]
            auths: std::collections::HashMap<&'a str, Entry<'a>>,
        }
        #[derive(serde::Deserialize)]
        struct Entry<'a> {
            #[serde(borrow, default)]
            auth: Option<&'a str>,
        }
        let mut buf = Vec::new();
        b.iter(|| {
            let f: File = serde_json::from_str(black_box(&text)).unwrap();
            let mut users = 0;
            for e in f.auths.values() {
                if let Some(a) = e.auth {
                    buf.clear();
                    base64::engine::general_purpose::STANDARD
                        .decode_vec(a, &mut buf)
                        .unwrap();
                    users += buf.iter().position(|&c| c == b':').is_some() as usize;
                }
            }
            users
        })
    });
    g.bench_function("validate (report only)", |b| {
        b.iter(|| {
            black_box(pullsecret::validate(black_box(&text))).objects[0]
                .entries
                .len()
        })
    });
    g.bench_function("validate + serde_json", |b| {
        b.iter(|| {
            serde_json::to_string(&pullsecret::validate(black_box(&text)))
                .unwrap()
                .len()
        })
    });
    g.bench_function("parse + serde_json", |b| {
        b.iter(|| {
            serde_json::to_string(&pullsecret::parse(black_box(&text)).unwrap())
                .unwrap()
                .len()
        })
    });
    g.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
