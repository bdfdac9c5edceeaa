//! The worker process: `imagen-fuzz --worker TARGET`, started by the driver.
//! It runs inputs one at a time, catches panics, and answers over stdout.
//! An abort, a stack overflow or a hang kills it; the driver sees that.
//!
//! Protocol (little-endian), driver → worker on stdin:
//! `u32 length, bytes` per input; end of stdin ends the worker.
//! Worker → driver on stdout: one byte `R` once the target has started
//! (or `E`, `u32 length`, message when it could not), then per input:
//! `u8 0|1` (ok | finding), `u64 feature`, `u64 nanoseconds`, and for a
//! finding three strings (`u32 length`, UTF-8): kind, message, details.

use std::io::{self, BufWriter, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;
use std::time::Instant;

use crate::targets::{self, Finding, Options, Outcome};

/// The last panic's message and location, from any thread (the emulator's
/// handlers run on the tokio runtime's threads).
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Takes the last panic recorded (and clears it).
pub fn take_panic() -> Option<String> {
    LAST_PANIC.lock().unwrap_or_else(|p| p.into_inner()).take()
}

fn install_panic_hook(quiet: bool) {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "(non-string panic payload)".to_string()
        };
        let thread = std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .to_string();
        let at = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        let line = format!(
            "{} at {at} (thread {thread})",
            msg.lines().next().unwrap_or("")
        );
        *LAST_PANIC.lock().unwrap_or_else(|p| p.into_inner()) = Some(line);
        if !quiet {
            default(info);
        }
    }));
}

fn put_str(out: &mut impl Write, s: &str) -> io::Result<()> {
    out.write_all(&(s.len() as u32).to_le_bytes())?;
    out.write_all(s.as_bytes())
}

fn panic_finding(thread_panic: String) -> Finding {
    Finding::new("panic", thread_panic, String::new())
}

/// Runs the worker loop; returns the process exit code.
pub fn run(target: &str, opts: Options, quiet: bool) -> i32 {
    install_panic_hook(quiet);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let Some(info) = targets::by_name(target) else {
        let _ = out.write_all(b"E");
        let _ = put_str(&mut out, &format!("unknown target {target}"));
        let _ = out.flush();
        return 2;
    };
    let mut t = match panic::catch_unwind(|| (info.start)(&opts)) {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => {
            let _ = out.write_all(b"E");
            let _ = put_str(&mut out, &e);
            let _ = out.flush();
            return 3;
        }
        Err(_) => {
            let _ = out.write_all(b"E");
            let _ = put_str(
                &mut out,
                &format!("the target panicked while starting: {:?}", take_panic()),
            );
            let _ = out.flush();
            return 3;
        }
    };
    if out.write_all(b"R").and_then(|_| out.flush()).is_err() {
        return 0;
    }
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut buf = Vec::new();
    loop {
        let mut len = [0u8; 4];
        if input.read_exact(&mut len).is_err() {
            return 0;
        }
        buf.resize(u32::from_le_bytes(len) as usize, 0);
        if input.read_exact(&mut buf).is_err() {
            return 0;
        }
        let _ = take_panic();
        let t0 = Instant::now();
        let result = panic::catch_unwind(AssertUnwindSafe(|| t.run(&buf)));
        let nanos = t0.elapsed().as_nanos() as u64;
        let outcome = match result {
            Ok(o) => match (o.finding.is_none(), take_panic()) {
                // A panic on another thread (a server task) that the target did not report.
                (true, Some(p)) => Outcome::found(o.feature, panic_finding(p)),
                _ => o,
            },
            Err(_) => Outcome::found(
                0,
                panic_finding(take_panic().unwrap_or_else(|| "panic".to_string())),
            ),
        };
        let w = (|| -> io::Result<()> {
            out.write_all(&[outcome.finding.is_some() as u8])?;
            out.write_all(&outcome.feature.to_le_bytes())?;
            out.write_all(&nanos.to_le_bytes())?;
            if let Some(f) = &outcome.finding {
                put_str(&mut out, &f.kind)?;
                put_str(&mut out, &f.message)?;
                put_str(&mut out, &f.details)?;
            }
            out.flush()
        })();
        if w.is_err() {
            return 0;
        }
    }
}
