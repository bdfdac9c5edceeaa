//! Two pieces of work at once, for the large descriptions where a second
//! core pays (reading the YAML, formatting the output). One place for the
//! thread plumbing: if the second thread can't be started or fails, its
//! work is done on this one, so the result never depends on threads.

/// Whether the machine has a second core to give the work to.
pub(crate) fn two_cores() -> bool {
    std::thread::available_parallelism().map_or(1, |n| n.get()) >= 2
}

/// Runs `second` on another thread while this one runs `first`, and returns
/// both results.
pub(crate) fn join<A, B, F>(first: impl FnOnce() -> A, second: F) -> (A, B)
where
    B: Send,
    F: Fn() -> B + Sync,
{
    std::thread::scope(|s| {
        let other = std::thread::Builder::new()
            .name("imagen-codegen-worker".into())
            .spawn_scoped(s, &second);
        let a = first();
        let b = match other.map(|h| h.join()) {
            Ok(Ok(b)) => b,
            _ => second(),
        };
        (a, b)
    })
}
