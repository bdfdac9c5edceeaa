//! `selftest` (hidden, not part of `all`): checks the harness itself. The
//! input names what to do: `panic`, `abort`, `overflow` (a stack
//! overflow), `hang`, `thread-panic` (a panic on another thread that the
//! target does not report); anything else is fine.

use super::{Info, Options, Outcome, Target, hash_of};

pub const INFO: Info = Info {
    name: "selftest",
    about: "the harness's own check: panic, abort, overflow, hang, thread-panic",
    seeds: || vec![b"fine".to_vec(), b"fine too".to_vec()],
    dict: |_| Vec::new(),
    start,
    max_len: 64,
    recycle: 0,
};

struct SelfTest;

fn start(_: &Options) -> Result<Box<dyn Target>, String> {
    Ok(Box::new(SelfTest))
}

#[allow(unconditional_recursion)]
fn recurse(n: u64) -> u64 {
    let buf = [n; 64];
    std::hint::black_box(&buf);
    recurse(n + 1) + buf[3]
}

impl Target for SelfTest {
    fn run(&mut self, input: &[u8]) -> Outcome {
        match input {
            b"panic" => panic!("selftest panic"),
            b"abort" => std::process::abort(),
            b"overflow" => {
                std::hint::black_box(recurse(0));
            }
            b"hang" => loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            },
            b"thread-panic" => {
                let _ = std::thread::spawn(|| panic!("selftest thread panic")).join();
            }
            _ => {}
        }
        Outcome::ok(hash_of(input))
    }
}
