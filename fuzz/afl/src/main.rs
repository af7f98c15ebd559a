//! One AFL++ binary for every target: `pullsecret-fuzz-afl TARGET` (names in
//! `pullsecret_fuzz::TARGETS`), reading inputs in AFL++'s persistent mode.

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(target) = pullsecret_fuzz::target(&name) else {
        eprintln!(
            "usage: pullsecret-fuzz-afl TARGET ({})",
            pullsecret_fuzz::TARGETS.join("|")
        );
        std::process::exit(2);
    };
    afl::fuzz!(|data: &[u8]| target(data));
}
