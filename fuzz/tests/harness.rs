//! The harness catches what it promises to catch: panics (in the target
//! and on other threads), aborts, stack overflows and hangs, each as a
//! finding, with the worker restarted afterwards; and a short fuzzing run
//! saves reproducers and exits 1 when something crashed.

use std::process::Command;

const EXE: &str = env!("CARGO_BIN_EXE_imagen-fuzz");

fn replay(dir: &std::path::Path, inputs: &[&str]) -> (i32, String) {
    let files: Vec<String> = inputs
        .iter()
        .map(|i| {
            let p = dir.join(i);
            std::fs::write(&p, i).unwrap();
            p.display().to_string()
        })
        .collect();
    let out = Command::new(EXE)
        .args(["selftest", "--timeout", "2", "--replay"])
        .args(&files)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn every_kind_of_crash_is_caught_and_the_worker_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = replay(
        dir.path(),
        &[
            "fine",
            "panic",
            "abort",
            "overflow",
            "hang",
            "thread-panic",
            "fine2",
        ],
    );
    assert_eq!(code, 1, "{out}");
    let line = |name: &str| {
        out.lines()
            .find(|l| l.contains(&format!("/{name}:")))
            .unwrap_or_else(|| panic!("no line for {name} in\n{out}"))
            .to_string()
    };
    assert!(line("fine").contains(": ok"), "{out}");
    assert!(line("fine2").contains(": ok"), "{out}");
    assert!(
        line("panic").contains("panic") && line("panic").contains("selftest panic"),
        "{out}"
    );
    assert!(
        line("abort").contains("abort: worker killed by signal 6"),
        "{out}"
    );
    assert!(line("overflow").contains("overflowed its stack"), "{out}");
    assert!(
        line("hang").contains("timeout: no result within 2.0 s"),
        "{out}"
    );
    assert!(
        line("thread-panic").contains("selftest thread panic"),
        "{out}"
    );
}

#[test]
fn nothing_found_exits_zero_and_prints_the_figures() {
    let out = Command::new(EXE)
        .args(["selftest", "--seconds", "1", "--known", "none"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // Mutations of "fine" rarely spell "panic": allow either outcome, but
    // the figures must be there.
    assert!(text.contains("executions in"), "{text}");
    assert!(text.contains("slowest input"), "{text}");
}

#[test]
fn unknown_target_is_a_usage_error() {
    let out = Command::new(EXE)
        .args(["nope", "--seconds", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
