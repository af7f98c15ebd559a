//! `validate` on the benchmark file (the criterion bench's 7,000 entries, about 1 MB), N times:
//! for `valgrind --tool=callgrind` and `perf record`, which want a small binary doing one thing.
//! Run: `cargo run --profile fast -p pullsecret --example validate_big -- [N] [ENTRIES]`.

use pullsecret::{create, CreateOptions};

/// The benchmark file of `benches/core.rs` (kept identical: instruction counts compare).
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
        if i > 0 {
            out.push(',');
        }
        out.push_str(&one["{\"auths\":{".len()..one.len() - 2]);
    }
    out.push_str("}}");
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(1, |a| a.parse().unwrap());
    let entries: usize = args.next().map_or(7000, |a| a.parse().unwrap());
    let text = big_config(entries);
    let mut total = 0;
    for _ in 0..n {
        total += std::hint::black_box(pullsecret::validate(std::hint::black_box(&text))).objects[0]
            .entries
            .len();
    }
    println!("{total}");
}
