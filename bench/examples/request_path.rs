//! A small bounded driver for instruction counts of one request path:
//! `cargo run -p bench --release --example request_path -- SIDE CALL N`
//! with SIDE `ours` or `hand`, CALL `profiles` (unsigned) or `application`
//! (signed), N requests after 32 warm-up calls, sequential or by TASKS
//! tasks at once (optional fourth argument), on a current-thread runtime
//! (the loopback server runs on its own thread).
//!
//! Run under `valgrind --tool=callgrind` with two values of N and subtract
//! the totals: the difference divided by the difference of N is the
//! instructions per request (client and server; the server's share is the
//! same for both sides). See `bench/README.md`.

use bench::overhead::{Call, HandWritten, Server, hand_once, ours_once};
use imagen_runtime::api::Client;
use imagen_runtime::api::HostUrls as _;
use imagen_runtime::{RetryPolicy, Session};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (side, call, n, tasks) = match args.as_slice() {
        [side, call, n] => (side, call, n, 1),
        [side, call, n, tasks] => (side, call, n, tasks.parse::<usize>()?.max(1)),
        _ => return Err("usage: request_path ours|hand profiles|application N [TASKS]".into()),
    };
    let call = match call.as_str() {
        "profiles" => Call::Profiles,
        "application" => Call::Application,
        other => return Err(format!("unknown call {other:?}").into()),
    };
    let ours = match side.as_str() {
        "ours" => true,
        "hand" => false,
        other => return Err(format!("unknown side {other:?}").into()),
    };
    let n: usize = n.parse()?;
    let server = Server::start()?;
    let session = Session::builder()
        .api_key(bench::overhead::KEY)
        .api_secret(bench::overhead::SECRET)
        .mcc_url(server.base())
        .retry_policy(RetryPolicy::none())
        .build()?;
    let hand = HandWritten::new(session.http_client().clone(), server.base());
    let client = Client::new(session);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let once = move |client: Client, hand: HandWritten, times: usize| async move {
        for _ in 0..times {
            if ours {
                ours_once(&client, call).await;
            } else {
                hand_once(&hand, call).await;
            }
        }
    };
    runtime.block_on(async {
        once(client.clone(), hand.clone(), 32).await;
        if tasks == 1 {
            // Sequential: in the runtime's own future, as before (in a
            // spawned task both sides count a few hundred fewer).
            return once(client, hand, n).await;
        }
        // N requests by TASKS tasks at once (rounded up to a multiple of
        // TASKS).
        let mut running = Vec::with_capacity(tasks);
        for _ in 0..tasks {
            running.push(tokio::spawn(once(
                client.clone(),
                hand.clone(),
                n.div_ceil(tasks),
            )));
        }
        for t in running {
            t.await.expect("request task panicked");
        }
    });
    Ok(())
}
