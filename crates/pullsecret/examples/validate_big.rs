//! `validate` on the benchmark file (the criterion bench's 7,000 entries, about 1 MB), N times:
//! for `valgrind --tool=callgrind` and `perf record`, which want a small binary doing one thing.
//! Run: `cargo run --profile fast -p pullsecret --example validate_big -- [N] [ENTRIES]`.

#[path = "../benches/fixture/mod.rs"]
mod fixture;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(1, |a| a.parse().unwrap());
    let entries: usize = args.next().map_or(7000, |a| a.parse().unwrap());
    let text = fixture::big_config(entries);
    let mut total = 0;
    for _ in 0..n {
        total += std::hint::black_box(pullsecret::validate(std::hint::black_box(&text))).objects[0]
            .entries
            .len();
    }
    println!("{total}");
}
