//! Compile-time checks of scopes and authentication kinds (trybuild).
//!
//! `tests/ui/fail/*.rs` must fail to compile with the message in the `.stderr`
//! next to each; `tests/ui/pass/*.rs` must compile and run. The `.stderr`
//! files are tied to the toolchain pinned in `rust-toolchain.toml`; after a
//! toolchain change or a deliberate message change, re-bless them with
//! `TRYBUILD=overwrite cargo test --test ui` and review the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
