//! Validates a file N times and prints the time per run and the report size (profiling aid).
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: validate_file FILE [N]");
    let n: usize = args.next().map_or(20, |s| s.parse().unwrap());
    let text = std::fs::read_to_string(path).unwrap();
    let t = std::time::Instant::now();
    let mut len = 0;
    for _ in 0..n {
        len = serde_json::to_string(&pullsecret::validate(&text))
            .unwrap()
            .len();
    }
    eprintln!(
        "{:.2} ms per run, report {} KiB as JSON",
        t.elapsed().as_secs_f64() * 1e3 / n as f64,
        len / 1024
    );
}
