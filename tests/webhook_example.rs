//! `examples/webhook_receiver.rs` runs to the end: the emulator delivers the
//! import's events to the example's receiver, which prints them.

use std::process::Command;

/// `target/debug/examples/webhook_receiver`, built by `cargo test` with the tests.
fn example() -> std::path::PathBuf {
    let mut p = std::env::current_exe().unwrap();
    p.pop(); // deps
    p.pop();
    p.push("examples");
    p.push(format!("webhook_receiver{}", std::env::consts::EXE_SUFFIX));
    p
}

#[test]
fn the_webhook_example_prints_the_events_it_received() {
    assert!(
        example().exists(),
        "{} is missing: `cargo test` builds the examples (or: cargo build --example webhook_receiver)",
        example().display()
    );
    let out = Command::new(example())
        .output()
        .expect("run the webhook_receiver example");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("registered for http://127.0.0.1:"),
        "{stdout}"
    );
    assert!(stdout.contains("Batch of 2 event(s):"), "{stdout}");
    assert!(stdout.contains("  RecordCreated "), "{stdout}");
    assert!(stdout.contains("JobType=Import, State=2"), "{stdout}");
    assert!(
        stdout.contains("Delivered after 1 attempt(s) (200)"),
        "{stdout}"
    );
}
