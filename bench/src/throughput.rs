//! Throughput under concurrency: `requests` calls (default 10,000) spread
//! over `concurrency` tasks (default 256) through the generated API vs the
//! hand-written reqwest calls of [`overhead`](crate::overhead), against the
//! same loopback server, in alternating rounds (ours first in even rounds,
//! hand-written first in odd ones). Per side: requests per second of whole
//! rounds and process CPU time per request, medians over rounds. Bounded:
//! `rounds × 2 × requests` calls per endpoint.

use std::fmt::Write as _;
use std::time::Duration;

use crate::overhead::{Call, Sides, hand_once, ours_once, round};
use crate::stats::median;

/// One endpoint's throughput comparison.
#[derive(Debug, Clone)]
pub struct ThroughputResult {
    pub call: Call,
    /// Requests per round (a multiple of `concurrency`).
    pub requests: usize,
    pub concurrency: usize,
    pub rounds: usize,
    /// Median requests per second over rounds.
    pub ours_rps: f64,
    pub hand_rps: f64,
    /// Median process CPU time per request over rounds.
    pub ours_cpu: Duration,
    pub hand_cpu: Duration,
}

impl ThroughputResult {
    /// Ours over hand-written requests per second (≥ 0.98 is the target).
    pub fn rps_ratio(&self) -> f64 {
        self.ours_rps / self.hand_rps.max(f64::MIN_POSITIVE)
    }
    /// Ours over hand-written CPU per request.
    pub fn cpu_ratio(&self) -> f64 {
        crate::stats::ratio(self.ours_cpu, self.hand_cpu)
    }
}

/// Measures each call: one warm-up round per side (it opens the
/// `concurrency` connections), then `rounds` alternating pairs of rounds.
pub fn measure(
    calls: &[Call],
    requests: usize,
    concurrency: usize,
    rounds: usize,
    progress: &mut dyn FnMut(&str),
) -> std::io::Result<Vec<ThroughputResult>> {
    let Sides {
        _server,
        runtime,
        hand,
        client,
    } = Sides::start()?;
    let concurrency = concurrency.max(1);
    let requests = requests.max(1).div_ceil(concurrency) * concurrency;
    let mut out = Vec::new();
    for &call in calls {
        let ours_fn = {
            let client = client.clone();
            move || {
                let client = client.clone();
                async move { ours_once(&client, call).await }
            }
        };
        let hand_fn = {
            let hand = hand.clone();
            move || {
                let hand = hand.clone();
                async move { hand_once(&hand, call).await }
            }
        };
        let (ours, hand) = runtime.block_on(async {
            round(requests, concurrency, ours_fn.clone()).await;
            round(requests, concurrency, hand_fn.clone()).await;
            let mut ours = Vec::with_capacity(rounds);
            let mut hand = Vec::with_capacity(rounds);
            for i in 0..rounds.max(1) {
                if i % 2 == 0 {
                    ours.push(round(requests, concurrency, ours_fn.clone()).await);
                    hand.push(round(requests, concurrency, hand_fn.clone()).await);
                } else {
                    hand.push(round(requests, concurrency, hand_fn.clone()).await);
                    ours.push(round(requests, concurrency, ours_fn.clone()).await);
                }
            }
            (ours, hand)
        });
        // `round` gives wall time and CPU time per request.
        let rps = |v: &[(Duration, Duration)]| {
            1.0 / median(&v.iter().map(|x| x.0).collect::<Vec<_>>())
                .as_secs_f64()
                .max(f64::MIN_POSITIVE)
        };
        let cpu = |v: &[(Duration, Duration)]| median(&v.iter().map(|x| x.1).collect::<Vec<_>>());
        let r = ThroughputResult {
            call,
            requests,
            concurrency,
            rounds: rounds.max(1),
            ours_rps: rps(&ours),
            hand_rps: rps(&hand),
            ours_cpu: cpu(&ours),
            hand_cpu: cpu(&hand),
        };
        progress(&format!(
            "  {}: ours {:.0} req/s, hand-written {:.0} req/s ({:.3}); CPU ours {:.1} µs/req, hand-written {:.1} µs/req",
            call.label(),
            r.ours_rps,
            r.hand_rps,
            r.rps_ratio(),
            r.ours_cpu.as_secs_f64() * 1e6,
            r.hand_cpu.as_secs_f64() * 1e6,
        ));
        out.push(r);
    }
    Ok(out)
}

/// The report's section and its targets (target, measured, met).
pub fn report(results: &[ThroughputResult]) -> (String, Vec<(String, String, Option<bool>)>) {
    let mut s = String::new();
    let Some(first) = results.first() else {
        return (s, Vec::new());
    };
    let _ = writeln!(
        s,
        "## Throughput\n\n{} requests per round spread over {} tasks, through the generated API vs hand-written reqwest \
         (same client, loopback server of the overhead part), {} alternating rounds per side after one warm-up round each; \
         medians over rounds. CPU: the whole process (client and server) per request.\n",
        first.requests, first.concurrency, first.rounds
    );
    let _ = writeln!(
        s,
        "| call | ours req/s | hand req/s | **ratio req/s** | ours CPU µs/req | hand CPU µs/req | ratio CPU |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    let mut targets = Vec::new();
    for r in results {
        let _ = writeln!(
            s,
            "| `{}` | {:.0} | {:.0} | **{:.3}** | {:.1} | {:.1} | {:.3} |",
            r.call.label(),
            r.ours_rps,
            r.hand_rps,
            r.rps_ratio(),
            r.ours_cpu.as_secs_f64() * 1e6,
            r.hand_cpu.as_secs_f64() * 1e6,
            r.cpu_ratio(),
        );
        targets.push((
            format!(
                "throughput ≥ 0.98× hand-written, {} requests at {} concurrency, `{}`",
                r.requests,
                r.concurrency,
                r.call.label()
            ),
            format!(
                "{:.3}× req/s ({:.3}× CPU/req)",
                r.rps_ratio(),
                r.cpu_ratio()
            ),
            Some(r.rps_ratio() >= 0.98),
        ));
    }
    s.push('\n');
    (s, targets)
}
