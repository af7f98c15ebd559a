//! Criterion benchmarks of the core on the benchmark file: 7,000 entries, about 1 MB (the same
//! mix of keys as `bench/fixture.mjs`; entries built by `create`, so in kubectl's field order).
//! Run: `cargo bench -p pullsecret`. Compare runs as ratios; the machines are shared.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pullsecret::{create, CreateOptions};

fn big_config(entries: usize) -> String {
    let mut out = String::from("{\"auths\":{");
    for i in 0..entries {
        let server = match i % 8 {
            1 => format!("quay.io/org-{i}"),
            2 => format!("https://r{i}.example.net"),
            _ => format!("registry-{i}.example.com:5000"),
        };
        let one = create(&CreateOptions {
            server: Some(server),
            username: format!("robot$team{i}+puller"),
            password: format!(
                "p{}:{}",
                (i as u64 * 2654435761) % 1_000_000_007,
                "x".repeat(8 + i % 17)
            ),
            email: (i % 5 == 0).then(|| format!("team{i}@example.com")),
        })
        .unwrap();
        // `{"auths":{ENTRY}}` → ENTRY
        if i > 0 {
            out.push(',');
        }
        out.push_str(&one["{\"auths\":{".len()..one.len() - 2]);
    }
    out.push_str("}}");
    out
}

fn benches(c: &mut Criterion) {
    let text = big_config(7000);
    assert_eq!(pullsecret::validate(&text).entries.len(), 7000);
    let mut g = c.benchmark_group("7000 entries");
    g.sample_size(20);
    g.bench_function("validate (report only)", |b| {
        b.iter(|| {
            black_box(pullsecret::validate(black_box(&text)))
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
