//! An X display of the test's own: `Xvfb`, a virtual X server.
//!
//! Tests of what an application reads from real windows (the browser
//! window's title, with `urn:ietf:wg:oauth:2.0:oob:auto`) need an X server
//! that no one else uses. [`Xvfb::start`] runs one on a free display
//! number, which Xvfb picks itself and writes to its standard output
//! (`-displayfd 1`), so two tests never race for a number; it listens on
//! no TCP port. Dropping it stops the server (SIGTERM, so that it removes
//! its lock file and socket; SIGKILL if it does not exit).
//!
//! The binary comes from `XVFB`, else `/usr/bin/Xvfb` (Debian's `xvfb`).
//! When it is missing the test is skipped with a printed reason, except
//! under `CI=true`, where it fails. Needs `support/browser.rs` as the
//! sibling module `browser` (for [`in_ci`](super::browser::in_ci)).

#![allow(dead_code)] // Each test crate uses its own part of the harness.

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running Xvfb; stopped on drop.
pub struct Xvfb {
    child: Child,
    display: String,
    // Removed after the server is gone (field order).
    dir: tempfile::TempDir,
}

impl Xvfb {
    /// Starts Xvfb for the test `test`. `None`: the binary is missing and
    /// the test should return (the reason is printed); under `CI=true` that
    /// panics instead. A server that is there but does not start panics.
    pub fn start(test: &str) -> Option<Xvfb> {
        let bin =
            std::env::var_os("XVFB").map_or_else(|| PathBuf::from("/usr/bin/Xvfb"), PathBuf::from);
        if !bin.is_file() {
            let reason = format!(
                "{} not found (set XVFB, or install Debian's xvfb)",
                bin.display()
            );
            assert!(
                !super::browser::in_ci(),
                "{test}: {reason}; CI=true, so X11 tests fail instead of skipping"
            );
            eprintln!("skipping {test}: {reason}");
            return None;
        }
        let dir = tempfile::Builder::new()
            .prefix("imagen-xvfb-")
            .tempdir()
            .expect("a temporary directory for Xvfb's log");
        let log_path = dir.path().join("xvfb.log");
        let log = std::fs::File::create(&log_path).expect("Xvfb's log file");
        let mut child = Command::new(&bin)
            .args(["-displayfd", "1", "-nolisten", "tcp", "-noreset"])
            .args(["-screen", "0", "1280x800x24"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("{test}: cannot run {}: {e}", bin.display()));
        // The display number, then a newline; EOF if the server gave up.
        let mut line = String::new();
        let stdout = child.stdout.take().expect("Xvfb's stdout is piped");
        let read = BufReader::new(stdout.take(64)).read_line(&mut line);
        let number = line.trim();
        if read.is_err() || number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            let _ = child.kill();
            let _ = child.wait();
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            panic!("{test}: Xvfb did not report a display number ({read:?}, {line:?})\n{log}");
        }
        Some(Xvfb {
            child,
            display: format!(":{number}"),
            dir,
        })
    }

    /// The display's name, `:N`, for `DISPLAY` or an X connection.
    pub fn display(&self) -> &str {
        &self.display
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        if let Ok(pid) = i32::try_from(self.child.id()) {
            // SAFETY: kill only sends a signal, to the server this value
            // started (not yet waited for, so the pid is still its own).
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
        // Bounded: Xvfb exits at once on SIGTERM; 50 tries of 100 ms.
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
