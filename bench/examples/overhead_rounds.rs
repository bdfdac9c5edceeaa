//! perf helper: `overhead_rounds ours|hand N` runs N sequential profiles().list() calls.
use imagen_runtime::{RetryPolicy, Session};
fn main() {
    let mut a = std::env::args().skip(1);
    let side = a.next().unwrap_or_else(|| "ours".into());
    let n: usize = a.next().and_then(|s| s.parse().ok()).unwrap_or(20000);
    let server = bench::overhead::Server::start().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let session = Session::builder()
        .api_key("k")
        .api_secret("s")
        .mcc_url(server.base())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let hand = bench::overhead::HandWritten::new(session.http_client().clone(), server.base());
    let client = imagen_runtime::api::Client::new(session);
    rt.block_on(async {
        let t = std::time::Instant::now();
        for _ in 0..n {
            if side == "ours" {
                client.profiles().list().send().await.unwrap();
            } else {
                hand.profiles().await.unwrap();
            }
        }
        eprintln!("{side}: {:?}/req", t.elapsed() / n as u32);
    });
}
